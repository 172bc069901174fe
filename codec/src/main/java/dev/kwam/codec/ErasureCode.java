package dev.kwam.codec;

/**
 * One stripe's erasure code: {@code dataCount()} data shards followed by {@code parityCount()}
 * parity shards, all of one length. Reed–Solomon, LRC and (later) fountain codes are
 * interchangeable behind this interface; the manifest records which one a stripe used.
 *
 * <p>Shard arrays are indexed data first, then parity. Every method works on the byte range
 * {@code [offset, offset + byteCount)} of each shard and never allocates per call on the hot path.
 */
public interface ErasureCode {

    CodecSpec spec();

    default int dataCount() {
        return spec().dataCount();
    }

    default int parityCount() {
        return spec().parityCount();
    }

    default int totalCount() {
        return spec().totalCount();
    }

    /** Computes every parity shard from the data shards. */
    void encode(byte[][] shards, int offset, int byteCount);

    /** True when every parity shard is exactly what {@link #encode} would produce. */
    boolean isParityCorrect(byte[][] shards, int offset, int byteCount);

    /** True when the shards marked present are enough to rebuild every shard of the stripe. */
    boolean isRecoverable(boolean[] present);

    /**
     * Rebuilds every shard not marked present, in place.
     *
     * @throws UnrecoverableStripeException when the present shards cannot determine the stripe;
     *         nothing is written in that case.
     */
    void reconstruct(byte[][] shards, boolean[] present, int offset, int byteCount);

    /**
     * The smallest set of present shards this code reads to rebuild shard {@code target}: for
     * Reed–Solomon any k present shards, for LRC the target's local group when it is intact.
     *
     * @throws UnrecoverableStripeException when {@code target} cannot be rebuilt from {@code present}.
     */
    int[] repairSources(int target, boolean[] present);

    /**
     * Rebuilds only the shards in {@code targets} (none of them present), reading only shards that
     * {@link #repairSources} names for them under the same {@code present} mask. Every shard array must
     * be allocated; present shards that are not sources may hold anything, since they are not read.
     * The default rebuilds every missing shard, which needs the whole stripe to be recoverable; a code
     * that can rebuild a target from part of a stripe (an LRC's local group) overrides it.
     *
     * @throws UnrecoverableStripeException when some target cannot be rebuilt from {@code present}
     */
    default void reconstructTargets(byte[][] shards, boolean[] present, int[] targets, int offset, int byteCount) {
        reconstruct(shards, present, offset, byteCount);
    }
}
