package dev.kwam.codec.gf;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@code jdk.incubator.vector} kernels. Only {@link GfKernelsProvider} loads this class, reflectively
 * and after checking the module is readable, so the scalar path runs on JVMs started without
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorGfKernels implements GfKernels {

    /** Static final so that C2 sees a constant species; the widest one the CPU prefers. */
    static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

    /** A nibble table holds 16 entries, so a lane shuffle needs at least 16 lanes to index it. */
    static final int MIN_LANES = 16;

    VectorGfKernels() {
        if (SPECIES.length() < MIN_LANES) {
            throw new UnsupportedOperationException("the preferred vector species has " + SPECIES.length()
                    + " byte lanes; the nibble-table kernel needs at least " + MIN_LANES);
        }
    }

    @Override
    public int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public GfCoder coder(Matrix matrix, int[] inputShards, int[] outputShards) {
        return new VectorCoder(CodingShape.of(matrix, inputShards, outputShards));
    }
}
