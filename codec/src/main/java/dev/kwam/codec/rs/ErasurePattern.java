package dev.kwam.codec.rs;

/** Which of up to 256 shards are present, as a value fit for a map key. */
record ErasurePattern(long w0, long w1, long w2, long w3) {

    static ErasurePattern of(boolean[] present) {
        long[] words = new long[4];
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                words[i >>> 6] |= 1L << i;
            }
        }
        return new ErasurePattern(words[0], words[1], words[2], words[3]);
    }
}
