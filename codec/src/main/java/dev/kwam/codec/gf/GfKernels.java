package dev.kwam.codec.gf;

/**
 * The hot GF(2^8) loops behind one small interface, as Lucene keeps its SIMD kernels: a table-driven
 * scalar implementation that runs everywhere and a {@code jdk.incubator.vector} one that
 * {@link GfKernelsProvider} picks when the JVM allows it. Both produce identical bytes.
 */
public interface GfKernels {

    /** A short name for logs and benchmark labels: {@code scalar} or {@code vector-512}. */
    String name();

    /** Width of the registers the kernels use, 0 for the scalar byte loops. */
    int vectorBits();

    /**
     * Prepares the coding loop for one matrix, precomputing whatever per-coefficient tables the
     * implementation needs, so that calls on the returned coder do no set-up and no allocation.
     *
     * @param matrix       one row per output, one column per input
     * @param inputShards  for column i, the index in the shard array of the input it multiplies
     * @param outputShards for row j, the index in the shard array of the output it produces
     */
    GfCoder coder(Matrix matrix, int[] inputShards, int[] outputShards);
}
