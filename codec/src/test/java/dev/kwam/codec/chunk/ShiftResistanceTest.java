package dev.kwam.codec.chunk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Content-defined chunking exists for this: an insertion must not re-chunk the rest of the file. */
class ShiftResistanceTest {
    private static final int SIZE = 100 << 20;

    @Test
    void insertingOneByteAtTheStartOf100MiBKeepsAtLeast95PercentOfChunks() {
        byte[] original = Inputs.randomBytes(0x5EED, SIZE + 1);
        // The shifted file is byte 0 followed by the original's first SIZE bytes.
        for (ChunkerParams params : new ChunkerParams[] {
                ChunkerParams.DEFAULT, new ChunkerParams(8 << 10, 32 << 10, 128 << 10)}) {
            Set<Cid> before = chunkIds(original, 1, SIZE, params);
            Set<Cid> after = chunkIds(original, 0, SIZE, params);
            Set<Cid> kept = new HashSet<>(before);
            kept.retainAll(after);
            double ratio = (double) kept.size() / before.size();
            System.out.printf("%s: %d of %d chunks unchanged after a 1-byte insertion (%.4f)%n",
                    params, kept.size(), before.size(), ratio);
            assertTrue(ratio >= 0.95, params + ": only " + kept.size() + " of " + before.size() + " chunks kept");
        }
    }

    private static Set<Cid> chunkIds(byte[] data, int from, int length, ChunkerParams params) {
        Set<Cid> ids = new HashSet<>();
        MessageDigest sha = Cid.sha256();
        int end = from + length;
        for (int off = from; off < end; ) {
            int n = FastCdc.cutPoint(data, off, end - off, params);
            sha.update(data, off, n);
            ids.add(Cid.ofDigest(sha.digest()));
            off += n;
        }
        return ids;
    }
}
