package dev.kwam.codec.rs;

/** Which of up to 256 shards are present, as a value fit for a map key. */
record ErasurePattern(long w0, long w1, long w2, long w3) {

    static ErasurePattern of(boolean[] present) {
        return new ErasurePattern(word(present, 0), word(present, 64), word(present, 128), word(present, 192));
    }

    private static long word(boolean[] present, int from) {
        long bits = 0;
        for (int i = from; i < Math.min(present.length, from + 64); i++) {
            if (present[i]) {
                bits |= 1L << (i - from);
            }
        }
        return bits;
    }
}
