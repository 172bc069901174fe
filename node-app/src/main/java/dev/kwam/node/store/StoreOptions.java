package dev.kwam.node.store;

/**
 * How a store is run. The free-space reserve is the larger of {@code reserveBytes} and
 * {@code reservePercent} of the file system's total size: a write that would take usable space
 * below it is refused with {@link StoreError.Code#RESERVE_REACHED}, so a node stops accepting
 * fragments while the disk still has room for its own logs, journals and repairs.
 */
public record StoreOptions(long reserveBytes, int reservePercent) {
    /** 1 GiB or 2 %, whichever is larger: room for the node's journal and a few repairs' temp files. */
    public static final long DEFAULT_RESERVE_BYTES = 1L << 30;
    public static final int DEFAULT_RESERVE_PERCENT = 2;

    public StoreOptions {
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("reserve bytes must be >= 0, got " + reserveBytes);
        }
        if (reservePercent < 0 || reservePercent > 100) {
            throw new IllegalArgumentException("reserve percent must be within 0..100, got " + reservePercent);
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(DEFAULT_RESERVE_BYTES, DEFAULT_RESERVE_PERCENT);
    }

    /** The reserve in bytes on a file system of {@code totalBytes}. */
    public long reserveOn(long totalBytes) {
        return Math.max(reserveBytes, Math.multiplyExact(totalBytes / 100, (long) reservePercent));
    }
}
