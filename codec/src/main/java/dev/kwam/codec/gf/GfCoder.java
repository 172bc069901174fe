package dev.kwam.codec.gf;

/**
 * One matrix bound to shard positions: {@code shards[out[j]] = sum_i M[j][i] * shards[in[i]]} over a
 * byte range. Immutable and safe to share between threads; calls allocate nothing.
 */
public interface GfCoder {

    int inputCount();

    int outputCount();

    /** Overwrites every output shard's range [offset, offset + byteCount) with its coded bytes. */
    void code(byte[][] shards, int offset, int byteCount);

    /** True when every output shard's range already holds exactly what {@link #code} would write. */
    boolean check(byte[][] shards, int offset, int byteCount);
}
