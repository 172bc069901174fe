package dev.kwam.node.cli;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PemFiles;
import dev.kwam.actors.pki.PkiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam pki show}: what a certificate says, and for a directory whether KWAM would accept it. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Print a certificate's SPIFFE ID, issuer, validity, key and fingerprint.",
            "PATH is a .crt file, a node directory (node.crt is shown and checked against ca.crt and node.key) "
                    + "or a CA directory (ca.crt, checked against ca.key when present)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown (and, for a directory, every check passed)",
            "1:a directory's certificate would be refused (wrong CA, expired, key mismatch, bad SPIFFE ID)",
            "2:usage error or unreadable file"})
final class PkiShowCommand implements Callable<Integer> {
    private static final int URI_SAN = 6;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A certificate file, a node directory or a CA directory.")
    private Path path;

    @Override
    public Integer call() throws CliException, IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            if (!Files.isDirectory(path)) {
                for (X509Certificate cert : PemFiles.readCertificates(path)) {
                    describe(stdout, path, cert);
                }
                stdout.flush();
                return ExitCodes.OK;
            }
            Path node = path.resolve(NodeCertificate.CERT_FILE);
            if (Files.exists(node)) {
                describe(stdout, node, PemFiles.readCertificate(node));
                stdout.flush();
                NodeCertificate loaded = check(() -> NodeCertificate.load(path));
                stdout.println("check         ok: issued by " + NodeCertificate.CA_FILE + ", valid now, key matches, identity "
                        + loaded.id());
                stdout.flush();
                return ExitCodes.OK;
            }
            Path caFile = path.resolve(CertificateAuthority.CERT_FILE);
            if (!Files.exists(caFile)) {
                throw new CliException(CliError.usage("no certificate in the directory", path.toString(),
                        "it holds neither " + NodeCertificate.CERT_FILE + " nor " + CertificateAuthority.CERT_FILE,
                        "pass a directory written by kwam pki init or kwam pki issue, or a .crt file"));
            }
            describe(stdout, caFile, PemFiles.readCertificate(caFile));
            stdout.flush();
            if (Files.exists(path.resolve(CertificateAuthority.KEY_FILE))) {
                CertificateAuthority ca = check(() -> CertificateAuthority.load(path));
                stdout.println("check         ok: a CA for trust domain " + ca.trustDomain() + ", key matches");
            }
            stdout.flush();
            return ExitCodes.OK;
        } catch (PkiException e) {
            throw PkiCommand.refused(e, ExitCodes.USAGE_OR_IO);
        }
    }

    @FunctionalInterface
    private interface Load<T> {
        T load() throws IOException, PkiException;
    }

    /** A directory that parses but would be refused is a failed check (exit 1), not a usage error. */
    private static <T> T check(Load<T> load) throws IOException, CliException {
        try {
            return load.load();
        } catch (PkiException e) {
            throw PkiCommand.refused(e, ExitCodes.CHECK_FAILED);
        }
    }

    private static void describe(PrintWriter out, Path file, X509Certificate cert) throws CliException {
        boolean ca = cert.getBasicConstraints() >= 0;
        out.println("file          " + file);
        out.println("kind          " + (ca ? "root CA" + (DevelopmentPki.isDevelopment(cert) ? " (DEVELOPMENT - NOT FOR PRODUCTION)" : "")
                : "node certificate"));
        List<String> uris = uriSans(file, cert);
        out.println((ca ? "trust domain  " : "spiffe id     ") + (uris.isEmpty() ? "(none: no URI SAN)" : String.join(", ", uris)));
        out.println("subject       " + cert.getSubjectX500Principal().getName());
        out.println("issuer        " + cert.getIssuerX500Principal().getName());
        out.println("serial        " + cert.getSerialNumber().toString(16));
        Instant notAfter = cert.getNotAfter().toInstant();
        Duration left = Duration.between(Instant.now(), notAfter);
        out.println("valid         " + cert.getNotBefore().toInstant() + " .. " + notAfter
                + (left.isNegative() ? "  (EXPIRED)" : "  (" + left.toDays() + " days left)"));
        out.println("key           " + cert.getPublicKey().getAlgorithm()
                + (cert.getPublicKey() instanceof RSAPublicKey rsa ? " " + rsa.getModulus().bitLength() : ""));
        out.println("sha-256       " + fingerprint(cert));
    }

    private static List<String> uriSans(Path file, X509Certificate cert) throws CliException {
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.get(0) instanceof Integer type && type == URI_SAN) {
                        uris.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new CliException(CliError.checkFailed("the certificate's subjectAltName cannot be read", file.toString(),
                    e.getMessage(), "issue a new certificate with kwam pki issue"), e);
        }
        return uris;
    }

    /** SHA-256 of the DER encoding, colon-separated, as {@code openssl x509 -fingerprint -sha256} prints it. */
    static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 over a certificate that was just parsed cannot fail", e);
        }
    }
}
