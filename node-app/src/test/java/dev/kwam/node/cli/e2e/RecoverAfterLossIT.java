package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.manifest.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headline promise: lose any parity-many fragments of every stripe and still get every byte back. */
class RecoverAfterLossIT {
    private static final long SIZE = 50L << 20;
    private static final int DATA = 10;
    private static final int PARITY = 4;

    @Test
    void recoversFiftyMebibytesAfterLosingFourFragmentsOfEveryStripe(@TempDir Path dir) throws Exception {
        Path original = Fixtures.randomFile(dir.resolve("original.bin"), SIZE, 20251122L);
        KwamProcess.Run protect = KwamProcess.run(dir, "protect", "original.bin", "--out", "frags",
                "--data", String.valueOf(DATA), "--parity", String.valueOf(PARITY),
                "--chunk-min", "256kb", "--chunk-avg", "1mb", "--chunk-max", "4mib");
        assertEquals(0, protect.exit(), protect.toString());

        Path frags = dir.resolve("frags");
        Manifest manifest = Fixtures.manifest(frags);
        int stripes = manifest.chunks().size();
        assertTrue(stripes >= 10, "expected many stripes from 50 MiB at 1 MiB average, got " + stripes);
        assertTrue(protect.out().contains(manifest.cid().toString()), protect.toString());
        for (int s = 0; s < stripes; s++) {
            // A different set of four per stripe, sliding over data and parity shards alike.
            for (int j = 0; j < PARITY; j++) {
                int index = (s + j * 3) % (DATA + PARITY);
                Files.delete(Fixtures.fragmentFile(frags, manifest, s, index));
            }
        }

        KwamProcess.Run recover = KwamProcess.run(dir, "recover", "frags/manifest.kwm", "--from", "frags",
                "--out", "restored.bin");

        assertEquals(0, recover.exit(), recover.toString());
        assertEquals(Fixtures.sha256(original), Fixtures.sha256(dir.resolve("restored.bin")));
        assertEquals(manifest.objectCid(), Fixtures.sha256(original));
        assertTrue(recover.err().contains("is missing"), recover.toString());
    }
}
