package dev.kwam.codec.lrc;

import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.ErasureCode;
import dev.kwam.codec.gf.Galois;
import java.util.Random;

/**
 * Test stripes, and a second opinion on recoverability that shares none of the decoder's code: the
 * generator is read back from what {@code encode} writes for unit data, and its rank is taken by a
 * plain textbook elimination here.
 */
final class Stripes {
    private Stripes() {
    }

    static byte[][] encoded(ErasureCode code, int shardBytes, long seed) {
        Random random = new Random(seed);
        byte[][] shards = new byte[code.totalCount()][shardBytes];
        for (int i = 0; i < code.dataCount(); i++) {
            random.nextBytes(shards[i]);
        }
        code.encode(shards, 0, shardBytes);
        return shards;
    }

    static byte[][] copy(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int s = 0; s < shards.length; s++) {
            copy[s] = shards[s].clone();
        }
        return copy;
    }

    /** Bit s of {@code mask} set means shard s is present. */
    static boolean[] present(int mask, int shards) {
        boolean[] present = new boolean[shards];
        for (int s = 0; s < shards; s++) {
            present[s] = (mask >>> s & 1) != 0;
        }
        return present;
    }

    /** Column i is what encode makes of data shard i holding 1 and every other data shard 0. */
    static byte[][] observedGenerator(ErasureCode code) {
        int k = code.dataCount();
        byte[][] generator = new byte[code.totalCount()][k];
        for (int i = 0; i < k; i++) {
            byte[][] unit = new byte[code.totalCount()][1];
            unit[i][0] = 1;
            code.encode(unit, 0, 1);
            for (int s = 0; s < unit.length; s++) {
                generator[s][i] = unit[s][0];
            }
        }
        return generator;
    }

    static int rank(byte[][] generator, boolean[] present) {
        int columns = generator[0].length;
        byte[][] rows = new byte[generator.length][];
        int count = 0;
        for (int s = 0; s < generator.length; s++) {
            if (present[s]) {
                rows[count++] = generator[s].clone();
            }
        }
        int rank = 0;
        for (int c = 0; c < columns && rank < count; c++) {
            int pivot = rank;
            while (pivot < count && rows[pivot][c] == 0) {
                pivot++;
            }
            if (pivot == count) {
                continue;
            }
            byte[] swap = rows[pivot];
            rows[pivot] = rows[rank];
            rows[rank] = swap;
            for (int r = 0; r < count; r++) {
                if (r != rank && rows[r][c] != 0) {
                    byte factor = Galois.divide(rows[r][c], rows[rank][c]);
                    for (int cc = 0; cc < columns; cc++) {
                        rows[r][cc] ^= Galois.multiply(factor, rows[rank][cc]);
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    /**
     * The information-theoretic bound for any code with LRC's support: every lost data shard beyond
     * one per intact local parity needs its own surviving global parity.
     */
    static boolean withinCountingBound(LrcSpec spec, boolean[] present) {
        int k = spec.dataCount();
        int size = spec.groupSize();
        int beyond = 0;
        for (int g = 0; g < spec.localGroups(); g++) {
            int lost = 0;
            for (int i = g * size; i < (g + 1) * size; i++) {
                lost += present[i] ? 0 : 1;
            }
            beyond += Math.max(0, lost - (present[k + g] ? 1 : 0));
        }
        int globalsLeft = 0;
        for (int j = 0; j < spec.globalParities(); j++) {
            globalsLeft += present[k + spec.localGroups() + j] ? 1 : 0;
        }
        return beyond <= globalsLeft;
    }

    static int missingCount(boolean[] present) {
        int missing = 0;
        for (boolean p : present) {
            missing += p ? 0 : 1;
        }
        return missing;
    }
}
