package dev.kwam.codec.chunk;

/**
 * The sizes that shape FastCDC chunking: no chunk is shorter than {@code min} (except the last of a
 * stream) or longer than {@code max}, and chunks of random content average about {@code avg}.
 * These three numbers are part of the stored format: the same bytes chunked with other parameters
 * yield other chunks, so a manifest records them.
 *
 * <p>{@code avg} must be a power of two because the cut condition tests {@code log2(avg)} hash
 * bits; rounding silently would chunk differently from what the caller wrote down.
 */
public record ChunkerParams(int min, int avg, int max) {

    /** Smaller chunks cannot fill the 64-byte window the gear hash effectively sees. */
    public static final int MIN_LOWER_BOUND = 64;

    /** Keeps the streaming reader's window (2 × max) comfortably inside one Java array. */
    public static final int MAX_UPPER_BOUND = 64 << 20;

    /**
     * FastCDC normalisation level: the mask before {@code avg} tests this many more bits than
     * {@code log2(avg)}, the mask after it this many fewer. Level 2 is the paper's recommendation
     * (Xia et al. 2020, section 3.3); it is fixed because it, too, decides where chunks end.
     */
    public static final int NORMALIZATION_LEVEL = 2;

    /** 256 KiB / 1 MiB / 4 MiB, the sizes of the guided tour. */
    public static final ChunkerParams DEFAULT = new ChunkerParams(256 << 10, 1 << 20, 4 << 20);

    public ChunkerParams {
        if (min < MIN_LOWER_BOUND) {
            throw new IllegalArgumentException(describe(min, avg, max) + ": min must be at least "
                    + MIN_LOWER_BOUND + " bytes, got " + min);
        }
        if (avg < min) {
            throw new IllegalArgumentException(describe(min, avg, max) + ": avg (" + avg
                    + ") must not be below min (" + min + ")");
        }
        if (max < avg) {
            throw new IllegalArgumentException(describe(min, avg, max) + ": max (" + max
                    + ") must not be below avg (" + avg + ")");
        }
        if (max > MAX_UPPER_BOUND) {
            throw new IllegalArgumentException(describe(min, avg, max) + ": max must be at most "
                    + MAX_UPPER_BOUND + " bytes (64 MiB), got " + max);
        }
        if (Integer.bitCount(avg) != 1) {
            throw new IllegalArgumentException(describe(min, avg, max) + ": avg must be a power of two, got "
                    + avg + " (nearest: " + Integer.highestOneBit(avg) + " or " + (Integer.highestOneBit(avg) << 1)
                    + ")");
        }
    }

    /** log2(avg): the number of hash bits whose all-zero value marks a cut on average every avg bytes. */
    public int averageBits() {
        return Integer.numberOfTrailingZeros(avg);
    }

    /** Mask tested while the chunk is shorter than avg: harder to hit, so fewer small chunks. */
    long strictMask() {
        return topBits(averageBits() + NORMALIZATION_LEVEL);
    }

    /** Mask tested once the chunk has reached avg: easier to hit, so fewer chunks run to max. */
    long looseMask() {
        return topBits(averageBits() - NORMALIZATION_LEVEL);
    }

    /*
     * The gear hash shifts left, so its high bits mix the most recent 64 bytes while its low bits
     * see only the last few; testing the top bits gives every cut a 64-byte content window.
     */
    private static long topBits(int count) {
        return count == 0 ? 0L : -1L << (Long.SIZE - count);
    }

    private static String describe(int min, int avg, int max) {
        return "chunker(min=" + min + ", avg=" + avg + ", max=" + max + ")";
    }
}
