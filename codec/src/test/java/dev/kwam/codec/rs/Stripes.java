package dev.kwam.codec.rs;

import java.util.Random;

/** Test stripes: random data, encoded, and copies to compare against after damage. */
final class Stripes {

    private Stripes() {
    }

    static byte[][] encoded(ReedSolomon rs, int shardSize, long seed) {
        Random random = new Random(seed);
        byte[][] shards = new byte[rs.totalCount()][shardSize];
        for (int i = 0; i < rs.dataCount(); i++) {
            random.nextBytes(shards[i]);
        }
        rs.encodeParity(shards, 0, shardSize);
        return shards;
    }

    static byte[][] copy(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            copy[i] = shards[i].clone();
        }
        return copy;
    }

    /** Overwrites every shard not present with a recognisable non-zero pattern. */
    static void wipeMissing(byte[][] shards, boolean[] present) {
        for (int i = 0; i < shards.length; i++) {
            if (!present[i]) {
                java.util.Arrays.fill(shards[i], (byte) 0xA5);
            }
        }
    }

    static boolean[] presentFromMask(long mask, int total) {
        boolean[] present = new boolean[total];
        for (int i = 0; i < total; i++) {
            present[i] = (mask >>> i & 1) != 0;
        }
        return present;
    }

    /** Exactly {@code missing} distinct shards absent, chosen by {@code random}. */
    static boolean[] presentWithLosses(int total, int missing, Random random) {
        boolean[] present = new boolean[total];
        java.util.Arrays.fill(present, true);
        for (int lost = 0; lost < missing; ) {
            int victim = random.nextInt(total);
            if (present[victim]) {
                present[victim] = false;
                lost++;
            }
        }
        return present;
    }
}
