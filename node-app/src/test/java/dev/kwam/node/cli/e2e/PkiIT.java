package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.identity.SpiffeId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kwam pki on the real jar: init → issue → the files, their modes, and exactly one SPIFFE URI SAN; and the refusals. */
class PkiIT {
    private static final String ID = "spiffe://kwam.example/acme/cl-7/az1/pod-3/node-12/kwamd";

    @TempDir
    static Path dir;

    @BeforeAll
    static void initAndIssue() throws Exception {
        KwamProcess.Run init = KwamProcess.run(dir, "pki", "init", "--trust-domain", "kwam.example", "--out", "ca");
        assertEquals(0, init.exit(), init.toString());
        assertTrue(init.out().contains("trust domain  kwam.example"), init.toString());
        KwamProcess.Run issue = KwamProcess.run(dir, "pki", "issue", "--ca", "ca", "--spiffe-id", ID, "--out", "node-12");
        assertEquals(0, issue.exit(), issue.toString());
        assertTrue(issue.out().contains("spiffe id     " + ID), issue.toString());
    }

    @Test
    void initWritesTheRootWithItsKeyOwnerOnly() throws Exception {
        assertEquals(List.of("ca.crt", "ca.key"), Fixtures.list(dir.resolve("ca")));
        assertEquals("rw-------", mode(dir.resolve("ca/ca.key")));
        assertEquals("rw-r--r--", mode(dir.resolve("ca/ca.crt")));
        X509Certificate ca = certificate(dir.resolve("ca/ca.crt"));
        assertEquals(0, ca.getBasicConstraints());
        assertEquals(List.of("spiffe://kwam.example"), uriSans(ca));
        assertTrue(Files.readString(dir.resolve("ca/ca.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void issueWritesTheNodeFilesAndTheSpiffeIdIsTheOnlyUriSan() throws Exception {
        Path node = dir.resolve("node-12");
        assertEquals(List.of("ca.crt", "node.crt", "node.key"), Fixtures.list(node));
        assertEquals("rw-------", mode(node.resolve("node.key")));
        X509Certificate cert = certificate(node.resolve("node.crt"));
        assertEquals(1, cert.getSubjectAlternativeNames().size(), "no DNS or IP names beside the SPIFFE ID");
        assertEquals(List.of(ID), uriSans(cert));
        assertEquals(SpiffeId.parse(ID), SpiffeId.parse(uriSans(cert).get(0)));
        cert.verify(certificate(dir.resolve("ca/ca.crt")).getPublicKey());
        assertArrayEquals(Files.readAllBytes(dir.resolve("ca/ca.crt")), Files.readAllBytes(node.resolve("ca.crt")));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
    }

    @Test
    void showChecksANodeDirectory() throws Exception {
        KwamProcess.Run show = KwamProcess.run(dir, "pki", "show", "node-12");
        assertEquals(0, show.exit(), show.toString());
        assertTrue(show.out().contains("spiffe id     " + ID), show.toString());
        assertTrue(show.out().contains("check         ok"), show.toString());
    }

    @Test
    void aMalformedIdExitsTwoShowingWhereWhyAndHowToFix() throws Exception {
        String bad = "spiffe://kwam.example/acme//az1/pod-3/node-12/kwamd";
        KwamProcess.Run run = KwamProcess.run(dir, "pki", "issue", "--ca", "ca", "--spiffe-id", bad, "--out", "bad");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("--spiffe-id at character 28"), run.toString());
        assertTrue(run.err().contains("    " + bad + "\n    " + " ".repeat(27) + "^\n"), run.toString());
        assertTrue(run.err().contains("empty segment"), run.toString());
        assertTrue(run.err().contains("fix:"), run.toString());
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    @Test
    void anIdOutsideTheCasTrustDomainIsRefused() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "pki", "issue", "--ca", "ca", "--spiffe-id",
                "spiffe://other.example/acme/cl-7/az1/pod-3/node-12/kwamd", "--out", "foreign");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("outside this CA's trust domain"), run.toString());
        assertFalse(Files.exists(dir.resolve("foreign")));
    }

    @Test
    void existingFilesAreNeverOverwritten() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("node-12/node.key"));
        KwamProcess.Run issue = KwamProcess.run(dir, "pki", "issue", "--ca", "ca", "--spiffe-id", ID, "--out", "node-12");
        assertEquals(2, issue.exit(), issue.toString());
        assertTrue(issue.err().contains("refusing to overwrite"), issue.toString());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("node-12/node.key")));
        KwamProcess.Run init = KwamProcess.run(dir, "pki", "init", "--trust-domain", "kwam.example", "--out", "ca");
        assertEquals(2, init.exit(), init.toString());
    }

    @Test
    void anInvalidTrustDomainExitsTwoWithThePosition() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "pki", "init", "--trust-domain", "kwam.Example", "--out", "upper");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("--trust-domain at character 6"), run.toString());
        assertTrue(run.err().contains("lowercase"), run.toString());
        assertFalse(Files.exists(dir.resolve("upper")));
    }

    @Test
    void showExitsOneWhenANodeDirectoryHoldsAnotherCa() throws Exception {
        KwamProcess.Run init = KwamProcess.run(dir, "pki", "init", "--trust-domain", "kwam.example", "--out", "other-ca");
        assertEquals(0, init.exit(), init.toString());
        Path mixed = Files.createDirectory(dir.resolve("mixed"));
        Files.copy(dir.resolve("node-12/node.crt"), mixed.resolve("node.crt"));
        Files.copy(dir.resolve("node-12/node.key"), mixed.resolve("node.key"));
        Files.copy(dir.resolve("other-ca/ca.crt"), mixed.resolve("ca.crt"));
        KwamProcess.Run show = KwamProcess.run(dir, "pki", "show", "mixed");
        assertEquals(1, show.exit(), show.toString());
        assertTrue(show.err().contains("not issued by this CA"), show.toString());
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static List<String> uriSans(X509Certificate cert) throws Exception {
        List<String> uris = new ArrayList<>();
        for (List<?> name : cert.getSubjectAlternativeNames()) {
            if (Integer.valueOf(6).equals(name.get(0))) {
                uris.add((String) name.get(1));
            }
        }
        return uris;
    }
}
