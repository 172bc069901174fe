package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.manifest.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --trust: the right signer recovers, a different one is refused with no output, none is said out loud. */
class TrustIT {

    @TempDir
    static Path dir;
    static Path original;
    static Manifest manifest;

    @BeforeAll
    static void protectWithAKeptKey() throws Exception {
        assertEquals(0, KwamProcess.run(dir, "keygen", "--out", "alice").exit());
        assertEquals(0, KwamProcess.run(dir, "keygen", "--out", "mallory").exit());
        original = Fixtures.randomFile(dir.resolve("original.bin"), 1L << 20, 99L);
        KwamProcess.Run protect = KwamProcess.run(dir, "protect", "original.bin", "--out", "frags", "--key", "alice");
        assertEquals(0, protect.exit(), protect.toString());
        manifest = Fixtures.manifest(dir.resolve("frags"));
        assertTrue(protect.out().contains("signer     " + manifest.signer()), protect.toString());
    }

    @Test
    void theSignersPublicKeyFileIsAccepted() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "by-file.bin", "--trust", "alice/kwam.pub");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(Fixtures.sha256(original), Fixtures.sha256(dir.resolve("by-file.bin")));
        assertFalse(run.err().contains("NOT checked"), run.toString());
        assertTrue(run.out().contains("(trusted)"), run.toString());
    }

    @Test
    void theSignersKeyTextIsAcceptedAmongOthers() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "by-text.bin", "--trust", "mallory", "--trust", manifest.signer().toString());
        assertEquals(0, run.exit(), run.toString());
        assertEquals(Fixtures.sha256(original), Fixtures.sha256(dir.resolve("by-text.bin")));
    }

    @Test
    void aDifferentKeyIsRefusedAndNothingIsWritten() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "refused.bin", "--trust", "mallory");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains(manifest.signer().toString()), run.toString());
        assertFalse(Files.exists(dir.resolve("refused.bin")));
        assertTrue(Fixtures.list(dir).stream().noneMatch(n -> n.endsWith(".kwam-partial")), Fixtures.list(dir).toString());
    }

    @Test
    void withoutTrustTheUncheckedSignerIsNamed() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "unchecked.bin");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.err().contains("signer " + manifest.signer() + " was NOT checked"), run.toString());
        assertEquals(Fixtures.sha256(original), Fixtures.sha256(dir.resolve("unchecked.bin")));
    }
}
