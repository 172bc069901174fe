package dev.kwam.actors.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Certificates and keys as PEM, the format openssl, Pekko's PEM provider and every operator's
 * tooling read: certificates as "CERTIFICATE", private keys as unencrypted PKCS#8 "PRIVATE KEY"
 * (what Pekko's {@code RotatingKeysSSLEngineProvider} accepts) in files created with mode 0600.
 * Files are only ever created, never overwritten: a replaced CA key orphans every certificate it
 * signed.
 */
public final class PemFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PemFiles() {
    }

    /** One file to create: its name in the directory, its PEM text, and whether it is a secret (0600). */
    public record PemFile(String name, String pem, boolean secret) {
    }

    public static String certificatePem(X509Certificate certificate) {
        return pem(certificate);
    }

    public static String privateKeyPem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new IllegalStateException("the private key could not be encoded as PKCS#8", e);
        }
    }

    /**
     * Creates every file in {@code dir} (created if missing), all or nothing: if any already exists
     * nothing is written, and if writing fails midway the files created so far are removed.
     */
    public static void createAll(Path dir, List<PemFile> files) throws IOException {
        Files.createDirectories(dir);
        for (PemFile file : files) {
            Path path = dir.resolve(file.name());
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(path.toString(), null,
                        "refusing to overwrite it: certificates and keys are never replaced in place");
            }
        }
        List<Path> created = new ArrayList<>();
        try {
            for (PemFile file : files) {
                Path path = dir.resolve(file.name());
                create(path, file.pem(), file.secret());
                created.add(path);
            }
        } catch (IOException | RuntimeException e) {
            for (Path path : created) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static void create(Path path, String pem, boolean secret) throws IOException {
        FileAttribute<?>[] mode = posix(path)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(secret ? OWNER_ONLY
                        : PosixFilePermissions.fromString("rw-r--r--"))}
                : new FileAttribute<?>[0];
        // CREATE_NEW is atomic: a file that appeared since the existence check is not overwritten.
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
            ByteBuffer bytes = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        if (secret && posix(path)) {
            // The creation mode is subject to the umask only by removing bits, but say it explicitly.
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** True when only the owner may read or write {@code path} (always true where there are no POSIX modes). */
    public static boolean isOwnerOnly(Path path) throws IOException {
        if (!posix(path)) {
            return true;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        return OWNER_ONLY.containsAll(mode);
    }

    /** Every certificate in a PEM file, in order; refuses a file that holds none or anything else. */
    public static List<X509Certificate> readCertificates(Path path) throws IOException, PkiException {
        List<X509Certificate> certificates = new ArrayList<>();
        Reader text = reader(path);
        try (PEMParser parser = new PEMParser(text)) {
            for (Object object; (object = parser.readObject()) != null; ) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new PkiException("not a certificate file", path,
                            "it holds a " + object.getClass().getSimpleName() + " PEM block",
                            "pass the .crt file written by kwam pki init / issue");
                }
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (CertificateException | IOException | IllegalArgumentException e) {
            throw new PkiException("the certificate file could not be read", path, describe(e),
                    "pass a PEM file holding '-----BEGIN CERTIFICATE-----' blocks", e);
        }
        if (certificates.isEmpty()) {
            throw new PkiException("no certificate found", path, "the file holds no '-----BEGIN CERTIFICATE-----' block",
                    "pass the .crt file written by kwam pki init / issue");
        }
        return List.copyOf(certificates);
    }

    /** The single certificate in a PEM file. */
    public static X509Certificate readCertificate(Path path) throws IOException, PkiException {
        List<X509Certificate> all = readCertificates(path);
        if (all.size() != 1) {
            throw new PkiException("expected exactly one certificate", path, "the file holds " + all.size(),
                    "split the file so that it holds one certificate");
        }
        return all.get(0);
    }

    /** An unencrypted private key, PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY"). */
    public static PrivateKey readPrivateKey(Path path) throws IOException, PkiException {
        Object object;
        Reader text = reader(path);
        try (PEMParser parser = new PEMParser(text)) {
            object = parser.readObject();
        } catch (IOException | IllegalArgumentException e) {
            throw new PkiException("the key file could not be read", path, describe(e),
                    "pass the .key file written by kwam pki init / issue", e);
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new PkiException("the private key could not be decoded", path, describe(e),
                    "pass an RSA key as unencrypted PKCS#8 ('-----BEGIN PRIVATE KEY-----')", e);
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            throw new PkiException("the private key is encrypted", path,
                    "a node reads its key unattended, so KWAM uses unencrypted keys protected by mode 0600",
                    "decrypt it: openssl pkcs8 -topk8 -nocrypt -in " + path + " -out node.key, then chmod 600 node.key");
        }
        throw new PkiException("no private key found", path,
                object == null ? "the file holds no PEM block" : "it holds a " + object.getClass().getSimpleName() + " PEM block",
                "pass the .key file written by kwam pki init / issue ('-----BEGIN PRIVATE KEY-----')");
    }

    /** Reads the whole file first, so that a missing or unreadable file surfaces as the I/O error it is. */
    private static Reader reader(Path path) throws IOException {
        return new StringReader(Files.readString(path, StandardCharsets.ISO_8859_1));
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof JcaPKCS8Generator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory failed", e);
        }
        return text.toString();
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
