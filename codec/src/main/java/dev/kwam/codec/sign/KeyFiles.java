package dev.kwam.codec.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Key files as PEM: {@code kwam.key} (PKCS#8 "PRIVATE KEY", mode 0600) and {@code kwam.pub}
 * (X.509 "PUBLIC KEY"), the formats {@code openssl pkey} reads and writes for Ed25519.
 */
public final class KeyFiles {
    public static final String PRIVATE_FILE = "kwam.key";
    public static final String PUBLIC_FILE = "kwam.pub";

    private KeyFiles() {
    }

    /** Writes a new key pair into {@code dir}; refuses to overwrite an existing key. */
    public static void write(SigningKey key, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        for (Path p : new Path[] {priv, pub}) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null,
                        "a key already exists there; choose another --out directory or move the old key away first");
            }
        }
        byte[] privPem = pem("PRIVATE KEY", key.pkcs8());
        try {
            Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(priv);
        }
        Files.write(priv, privPem, StandardOpenOption.TRUNCATE_EXISTING);
        Files.write(pub, pem("PUBLIC KEY", key.publicKey().javaKey().getEncoded()), StandardOpenOption.CREATE_NEW);
    }

    /** Reads the signing key from a key directory (or the path of its {@code kwam.key}). */
    public static SigningKey readSigningKey(Path dirOrFile) throws IOException {
        Path dir = Files.isDirectory(dirOrFile) ? dirOrFile : dirOrFile.toAbsolutePath().getParent();
        Path priv = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(PRIVATE_FILE) : dirOrFile;
        if (!Files.isRegularFile(priv)) {
            throw new IOException("no private key at " + priv + " (create one with: kwam keygen --out " + dir + ")");
        }
        PublicKey publicKey = readPublicKey(dir.resolve(PUBLIC_FILE));
        try {
            return SigningKey.fromPkcs8(unpem(priv, "PRIVATE KEY"), publicKey);
        } catch (IllegalArgumentException e) {
            throw new IOException(priv + " and " + dir.resolve(PUBLIC_FILE) + " are not one key pair: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a public key from a {@code .pub} PEM file, a key directory holding {@code kwam.pub}, or
     * the text {@code ed25519:<64 hex>}.
     */
    public static PublicKey readPublicKey(Path pathOrDir) throws IOException {
        String asText = pathOrDir.toString();
        if (asText.startsWith(PublicKey.PREFIX) && !Files.exists(pathOrDir)) {
            return PublicKey.parse(asText);
        }
        Path file = Files.isDirectory(pathOrDir) ? pathOrDir.resolve(PUBLIC_FILE) : pathOrDir;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no public key at " + file + " (expected a PEM file written by kwam keygen)");
        }
        try {
            return PublicKey.fromJava(KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(unpem(file, "PUBLIC KEY"))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] unpem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IOException(file + ": no '" + begin + "' block found");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException bad) {
            throw new IOException(file + ": the PEM body is not base64: " + bad.getMessage(), bad);
        }
    }
}
