package dev.kwam.codec.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test inputs: reproducible random bytes, and the one-shot chunking every other path is compared with. */
final class Inputs {
    private Inputs() {
    }

    /** java.util.Random's sequence is fixed by its specification, so these bytes are too. */
    static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static List<Integer> chunkLengths(byte[] data, ChunkerParams params) {
        List<Integer> lengths = new ArrayList<>();
        for (int off = 0; off < data.length; ) {
            int n = FastCdc.cutPoint(data, off, data.length - off, params);
            lengths.add(n);
            off += n;
        }
        return lengths;
    }
}
