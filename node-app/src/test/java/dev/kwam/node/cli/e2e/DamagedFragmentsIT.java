package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt and lost fragments: recover names them, refuses when too many are gone, and never leaves partial output. */
class DamagedFragmentsIT {
    private static final int PARITY = 4;

    @TempDir
    static Path shared;
    static Path original;
    static Path protectedFrags;
    static Manifest manifest;

    @TempDir
    Path dir;

    @BeforeAll
    static void protectOnce() throws Exception {
        original = Fixtures.randomFile(shared.resolve("original.bin"), 3L << 20, 7L);
        KwamProcess.Run protect = KwamProcess.run(shared, "protect", "original.bin", "--out", "frags",
                "--chunk-avg", "256kb");
        assertEquals(0, protect.exit(), protect.toString());
        protectedFrags = shared.resolve("frags");
        manifest = Fixtures.manifest(protectedFrags);
        assertTrue(manifest.chunks().size() >= 4, "want several stripes, got " + manifest.chunks().size());
    }

    private Path freshCopy() throws Exception {
        Path frags = dir.resolve("frags");
        Fixtures.copyDirectory(protectedFrags, frags);
        return frags;
    }

    @Test
    void oneCorruptFragmentIsNamedAndRoutedAround() throws Exception {
        Path frags = freshCopy();
        Cid bad = Fixtures.fragmentCid(manifest, 1, 2);
        Fixtures.flipPayloadByte(Fixtures.fragmentFile(frags, manifest, 1, 2), 100);

        KwamProcess.Run recover = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "restored.bin");

        assertEquals(0, recover.exit(), recover.toString());
        assertEquals(Fixtures.sha256(original), Fixtures.sha256(dir.resolve("restored.bin")));
        assertTrue(recover.err().contains("fragment 2 of stripe 1 (" + bad + ") is corrupt"), recover.toString());

        KwamProcess.Run verify = KwamProcess.run(dir, "verify", "frags/manifest.kwm", "--from", "frags",
                "--format", "json");

        assertEquals(1, verify.exit(), verify.toString());
        String json = verify.out().strip();
        assertTrue(json.startsWith("{\"manifest\":\"" + manifest.cid() + "\",\"object\":\"" + manifest.objectCid()
                + "\",\"healthy\":false,\"recoverable\":true,\"stripes\":[{\"stripe\":0,"), json);
        assertTrue(json.contains("{\"index\":2,\"cid\":\"" + bad + "\",\"state\":\"corrupt\",\"reason\":\""), json);
        assertEquals(1, json.split("\"state\":\"corrupt\"", -1).length - 1, json);
        assertEquals(0, json.split("\"state\":\"missing\"", -1).length - 1, json);
        assertTrue(verify.err().contains("still recoverable"), verify.toString());
    }

    @Test
    void healthyFragmentsVerifyClean() throws Exception {
        freshCopy();
        KwamProcess.Run verify = KwamProcess.run(dir, "verify", "frags/manifest.kwm", "--from", "frags");
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().contains("HEALTHY"), verify.toString());
    }

    @Test
    void losingParityPlusOneFragmentsOfAStripeFailsWithoutOutput() throws Exception {
        Path frags = freshCopy();
        int stripe = 2;
        int[] lost = {0, 3, 7, 10, 13};
        for (int index : lost) {
            Files.delete(Fixtures.fragmentFile(frags, manifest, stripe, index));
        }
        Path outDir = Files.createDirectories(dir.resolve("out"));

        KwamProcess.Run recover = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "out/restored.bin");

        assertEquals(1, recover.exit(), recover.toString());
        assertEquals(PARITY + 1, lost.length);
        assertTrue(recover.err().contains("stripe " + stripe + ": 9 good fragment(s), 10 needed"), recover.toString());
        for (int index : lost) {
            Cid cid = Fixtures.fragmentCid(manifest, stripe, index);
            assertTrue(recover.err().contains("missing  fragment " + index + "  " + cid), recover.toString());
        }
        assertFalse(recover.err().contains("Exception"), "no stack trace for an expected failure:\n" + recover);
        assertEquals(List.of(), Fixtures.list(outDir), "recover left files behind");
    }

    @Test
    void aFailedRecoveryLeavesAnExistingOutputFileUntouched() throws Exception {
        Path frags = freshCopy();
        for (int index = 0; index <= PARITY; index++) {
            Files.delete(Fixtures.fragmentFile(frags, manifest, 0, index));
        }
        Path existing = Files.writeString(dir.resolve("restored.bin"), "precious", StandardCharsets.UTF_8);

        KwamProcess.Run recover = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "restored.bin");

        assertEquals(1, recover.exit(), recover.toString());
        assertEquals("precious", Files.readString(existing, StandardCharsets.UTF_8));
        assertTrue(Fixtures.list(dir).stream().noneMatch(n -> n.endsWith(".kwam-partial")), Fixtures.list(dir).toString());
    }
}
