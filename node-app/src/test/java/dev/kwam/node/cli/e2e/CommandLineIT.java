package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors, keygen, LRC and the protect summary, through the real jar. */
class CommandLineIT {

    @TempDir
    Path dir;

    @Test
    void dataWithLrcIsAUsageError() throws Exception {
        Fixtures.randomFile(dir.resolve("f.bin"), 1000, 1L);
        KwamProcess.Run run = KwamProcess.run(dir, "protect", "f.bin", "--out", "frags", "--data", "6", "--lrc", "12,2,2");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("mutually exclusive"), run.toString());
        assertTrue(run.err().contains("kwam protect --help"), run.toString());
        assertFalse(Files.exists(dir.resolve("frags")));
    }

    @Test
    void missingFileArgumentIsAUsageError() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "protect", "--out", "frags");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("FILE"), run.toString());
    }

    @Test
    void fileThatDoesNotExistIsAnIoErrorNamingIt() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "protect", "nope.bin", "--out", "frags");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("where: nope.bin"), run.toString());
        assertTrue(run.err().contains("fix:"), run.toString());
        assertFalse(run.err().contains("Exception"), run.toString());
    }

    @Test
    void unknownSubcommandExitsTwoWithASuggestion() throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "recovr");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("unknown command 'recovr'"), run.toString());
        assertTrue(run.err().contains("kwam recover"), run.toString());
    }

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanReadAndRefusesToOverwrite() throws Exception {
        KwamProcess.Run first = KwamProcess.run(dir, "keygen", "--out", "keys");
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().matches("(?s)public key   ed25519:[0-9a-f]{64}\n.*"), first.toString());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("keys/kwam.key"))));
        byte[] before = Files.readAllBytes(dir.resolve("keys/kwam.key"));

        KwamProcess.Run second = KwamProcess.run(dir, "keygen", "--out", "keys");

        assertEquals(2, second.exit(), second.toString());
        assertTrue(second.err().contains("refusing to overwrite"), second.toString());
        assertTrue(second.err().contains("fix:"), second.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("keys/kwam.key"))));
    }

    @Test
    void protectWithoutAKeySaysTheSignerIsEphemeral() throws Exception {
        Fixtures.randomFile(dir.resolve("f.bin"), 200_000, 3L);
        KwamProcess.Run run = KwamProcess.run(dir, "protect", "f.bin", "--out", "frags");
        assertEquals(0, run.exit(), run.toString());
        String signer = Fixtures.manifest(dir.resolve("frags")).signer().toString();
        assertTrue(run.out().contains("signer     " + signer + "  (ephemeral"), run.toString());
        assertTrue(run.err().contains("--trust " + signer), run.toString());

        KwamProcess.Run again = KwamProcess.run(dir, "protect", "f.bin", "--out", "frags");
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("refusing to overwrite an existing manifest"), again.toString());
    }

    @Test
    void lrcRoundTrip() throws Exception {
        Path original = Fixtures.randomFile(dir.resolve("f.bin"), 2L << 20, 5L);
        KwamProcess.Run protect = KwamProcess.run(dir, "protect", "f.bin", "--out", "frags", "--lrc", "6,2,2",
                "--chunk-avg", "256kb");
        assertEquals(0, protect.exit(), protect.toString());
        assertTrue(protect.out().contains("codec      lrc(6,2,2)"), protect.toString());
        var manifest = Fixtures.manifest(dir.resolve("frags"));
        // One local-group member and one global parity of the first stripe: within lrc(6,2,2)'s guarantee of 3.
        Files.delete(Fixtures.fragmentFile(dir.resolve("frags"), manifest, 0, 1));
        Files.delete(Fixtures.fragmentFile(dir.resolve("frags"), manifest, 0, 9));

        KwamProcess.Run recover = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "restored.bin", "--trust", manifest.signer().toString());

        assertEquals(0, recover.exit(), recover.toString());
        assertEquals(Fixtures.sha256(original), Fixtures.sha256(dir.resolve("restored.bin")));
    }
}
