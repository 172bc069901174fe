package dev.kwam.actors.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kwam up without --pki: development material made once, labelled, and reused. */
class DevelopmentPkiTest {
    @TempDir
    Path data;

    /** Pre-made pairs (2048 bits for the root too: the size is CertificateAuthorityTest's business). */
    private NodeCertificate ensure(String nodeName) throws Exception {
        return DevelopmentPki.ensure(data, nodeName, Clock.systemUTC(), bits -> TestPki.keys(bits == RsaKeys.CA_BITS ? 10 : 11));
    }

    @Test
    void firstStartCreatesLabelledMaterialAndLaterStartsReuseIt() throws Exception {
        NodeCertificate first = ensure("node-1");
        Path pki = data.resolve("pki");
        assertEquals(List.of("README.txt", "ca.crt", "ca.key", "node.crt", "node.key"), list(pki));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("ca.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("node.key"))));
        assertTrue(Files.readString(pki.resolve("README.txt")).startsWith("DEVELOPMENT CERTIFICATES - NOT FOR PRODUCTION"));
        assertTrue(first.caCertificate().getSubjectX500Principal().getName().contains("NOT FOR PRODUCTION"));
        assertTrue(DevelopmentPki.isDevelopment(first.caCertificate()));
        assertEquals("spiffe://kwam-development/development/single-node/local/local/node-1/kwamd", first.id().toString());

        NodeCertificate second = ensure("node-1");
        assertEquals(first.certificate(), second.certificate());
        assertEquals(List.of("pki"), list(data), "no staging directory left behind");
    }

    @Test
    void anotherNodeNameIsRefusedRatherThanReissued() throws Exception {
        ensure("node-1");
        PkiException refused = assertThrows(PkiException.class, () -> ensure("node-2"));
        assertTrue(refused.why().contains("node-1"), refused.getMessage());
    }

    @Test
    void aNodeNameThatCannotBeASegmentIsRefusedBeforeAnythingIsWritten() {
        PkiException refused = assertThrows(PkiException.class, () -> ensure("node 1"));
        assertTrue(refused.fix().contains("--name"), refused.getMessage());
        assertFalse(Files.exists(data.resolve("pki")));
    }

    @Test
    void aRealCaIsNotDevelopmentMaterial() {
        assertFalse(DevelopmentPki.isDevelopment(TestPki.ca(TestPki.DOMAIN, 0).certificate()));
    }

    private static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
