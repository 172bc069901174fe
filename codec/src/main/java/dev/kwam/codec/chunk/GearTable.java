package dev.kwam.codec.chunk;

/**
 * The 256 random 64-bit values the gear hash adds per input byte.
 *
 * <p>Chunk boundaries, and therefore every chunk cid KWAM has ever stored, are a function of this
 * table. It is generated, not embedded, so that it can be reproduced from one line of text: 256
 * successive outputs of SplitMix64 (Steele, Lea and Flood, OOPSLA 2014, the finaliser used by
 * {@code java.util.SplittableRandom}) started from {@link #SEED}, the ASCII bytes "KWAMGEAR".
 * Changing the seed or the generator changes every chunk and breaks deduplication against all
 * existing data; {@code GearTableTest} pins a fingerprint of the table so that cannot happen by
 * accident.
 */
final class GearTable {
    static final long SEED = 0x4B57414D47454152L;

    static final long[] GEAR = generate(SEED);

    private GearTable() {
    }

    static long[] generate(long seed) {
        long[] table = new long[256];
        long state = seed;
        for (int i = 0; i < table.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
