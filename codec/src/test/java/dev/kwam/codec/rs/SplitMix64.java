package dev.kwam.codec.rs;

/** The data generator of the shared known-answer vectors (see codec-vectors/README.md). */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** k data shards of shardSize bytes followed by m zeroed parity shards, filled as the README says. */
    static byte[][] stripe(int k, int m, int shardSize, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        byte[][] shards = new byte[k + m][shardSize];
        for (int s = 0; s < k; s++) {
            for (int b = 0; b < shardSize; b += 8) {
                long value = random.next();
                for (int i = 0; i < 8 && b + i < shardSize; i++) {
                    shards[s][b + i] = (byte) (value >>> (8 * i));
                }
            }
        }
        return shards;
    }
}
