package dev.kwam.codec.rs;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.ErasureCode;
import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.codec.gf.GfCoder;
import dev.kwam.codec.gf.GfKernels;
import dev.kwam.codec.gf.GfKernelsProvider;
import dev.kwam.codec.gf.Matrix;
import java.util.Arrays;

/**
 * Systematic Reed–Solomon over GF(2^8), byte-compatible with Backblaze's JavaReedSolomon: the encoding
 * matrix is vandermonde(k+m, k) times the inverse of its top k×k square, so the top rows are the
 * identity (data shards are stored as is) and the bottom m rows produce parity. Any k of the k+m
 * shards rebuild the rest.
 *
 * <p>Thread-safe: the coders are immutable and decode coders are cached per erasure pattern.
 */
public final class ReedSolomon implements ErasureCode {

    /** Erasure patterns whose decode coders are kept; each costs at most ~2·k·m·64 bytes of tables. */
    static final int DECODER_CACHE_CAPACITY = 64;

    private final CodecSpec.ReedSolomonSpec spec;
    private final Matrix matrix;
    private final GfKernels kernels;
    private final GfCoder parityCoder;
    private final DecoderCache decoders = new DecoderCache(DECODER_CACHE_CAPACITY);

    private ReedSolomon(CodecSpec.ReedSolomonSpec spec, GfKernels kernels) {
        this.spec = spec;
        this.kernels = kernels;
        int k = spec.dataCount();
        int n = spec.totalCount();
        Matrix vandermonde = Matrix.vandermonde(n, k);
        this.matrix = vandermonde.times(vandermonde.submatrix(0, 0, k, k).invert());
        this.parityCoder = kernels.coder(matrix.submatrix(k, 0, n, k), range(0, k), range(k, n));
    }

    /** RS(dataShards, parityShards) on the kernels {@link GfKernelsProvider#get()} picked for this JVM. */
    public static ReedSolomon create(int dataShards, int parityShards) {
        return create(dataShards, parityShards, GfKernelsProvider.get());
    }

    /** RS(dataShards, parityShards) on the given kernels; for tests and benchmarks comparing them. */
    public static ReedSolomon create(int dataShards, int parityShards, GfKernels kernels) {
        return new ReedSolomon(new CodecSpec.ReedSolomonSpec(dataShards, parityShards), kernels);
    }

    @Override
    public CodecSpec.ReedSolomonSpec spec() {
        return spec;
    }

    /** The (k+m)×k encoding matrix: identity on top, parity rows below. */
    public Matrix matrix() {
        return matrix;
    }

    public GfKernels kernels() {
        return kernels;
    }

    /** Computes parity shards k..k+m-1 over [offset, offset+byteCount) from data shards 0..k-1. */
    public void encodeParity(byte[][] shards, int offset, int byteCount) {
        checkShards(shards, offset, byteCount);
        parityCoder.code(shards, offset, byteCount);
    }

    /** True when every parity shard's range is what {@link #encodeParity} would write. */
    @Override
    public boolean isParityCorrect(byte[][] shards, int offset, int byteCount) {
        checkShards(shards, offset, byteCount);
        return parityCoder.check(shards, offset, byteCount);
    }

    /**
     * Rebuilds every shard not marked present, data and parity, from the first k present ones. Missing
     * shards must still be allocated arrays of the common length; their bytes are overwritten.
     *
     * @throws UnrecoverableStripeException when fewer than k shards are present; nothing is written
     */
    public void decodeMissing(byte[][] shards, boolean[] shardPresent, int offset, int byteCount) {
        checkShards(shards, offset, byteCount);
        int present = countPresent(shardPresent);
        if (present == spec.totalCount()) {
            return;
        }
        if (present < spec.dataCount()) {
            throw notEnough(shardPresent, present);
        }
        decoders.get(ErasurePattern.of(shardPresent), pattern -> decoder(shardPresent))
                .code(shards, offset, byteCount);
    }

    @Override
    public void encode(byte[][] shards, int offset, int byteCount) {
        encodeParity(shards, offset, byteCount);
    }

    @Override
    public void reconstruct(byte[][] shards, boolean[] present, int offset, int byteCount) {
        decodeMissing(shards, present, offset, byteCount);
    }

    @Override
    public boolean isRecoverable(boolean[] present) {
        return countPresent(present) >= spec.dataCount();
    }

    /**
     * The first k present shards other than {@code target}: data shards come first, and decoding from
     * data alone is the cheapest (rows of the identity).
     */
    @Override
    public int[] repairSources(int target, boolean[] present) {
        countPresent(present);
        if (target < 0 || target >= spec.totalCount()) {
            throw new IllegalArgumentException(spec + ": shard " + target + " does not exist (0.."
                    + (spec.totalCount() - 1) + ")");
        }
        int k = spec.dataCount();
        int[] sources = new int[k];
        int found = 0;
        for (int i = 0; i < present.length && found < k; i++) {
            if (present[i] && i != target) {
                sources[found++] = i;
            }
        }
        if (found < k) {
            throw new UnrecoverableStripeException(spec + ": cannot rebuild shard " + target + ": only " + found
                    + " other shards present " + presentList(present) + ", " + k + " needed");
        }
        return sources;
    }

    /** A coder reading the first k present shards and writing every missing one, in one pass. */
    private GfCoder decoder(boolean[] shardPresent) {
        int k = spec.dataCount();
        int[] inputs = new int[k];
        int[] outputs = new int[spec.totalCount() - countPresent(shardPresent)];
        int found = 0;
        int missing = 0;
        for (int i = 0; i < shardPresent.length; i++) {
            if (!shardPresent[i]) {
                outputs[missing++] = i;
            } else if (found < k) {
                inputs[found++] = i;
            }
        }
        // The rows of the inputs map data to inputs; their inverse maps inputs back to data, and any
        // shard's row times that inverse produces it straight from the inputs (parity included).
        Matrix inputsToData = matrix.selectRows(inputs).invert();
        Matrix rebuild = matrix.selectRows(outputs).times(inputsToData);
        return kernels.coder(rebuild, inputs, outputs);
    }

    private int countPresent(boolean[] present) {
        if (present == null || present.length != spec.totalCount()) {
            throw new IllegalArgumentException(spec + ": expected " + spec.totalCount() + " presence flags, got "
                    + (present == null ? "null" : present.length));
        }
        int count = 0;
        for (boolean p : present) {
            count += p ? 1 : 0;
        }
        return count;
    }

    private UnrecoverableStripeException notEnough(boolean[] present, int count) {
        return new UnrecoverableStripeException(spec + ": " + count + " shards present " + presentList(present)
                + ", " + spec.dataCount() + " needed to reconstruct");
    }

    private static String presentList(boolean[] present) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                list.append(list.length() == 1 ? "" : ", ").append(i);
            }
        }
        return list.append(']').toString();
    }

    private void checkShards(byte[][] shards, int offset, int byteCount) {
        if (shards == null || shards.length != spec.totalCount()) {
            throw new IllegalArgumentException(spec + ": expected " + spec.totalCount() + " shards, got "
                    + (shards == null ? "null" : shards.length));
        }
        if (shards[0] == null) {
            throw new IllegalArgumentException(spec + ": shard 0 is null; every shard needs an array");
        }
        int length = shards[0].length;
        for (int i = 1; i < shards.length; i++) {
            if (shards[i] == null) {
                throw new IllegalArgumentException(spec + ": shard " + i + " is null; every shard needs an array");
            }
            if (shards[i].length != length) {
                throw new IllegalArgumentException(spec + ": shards differ in length: shard 0 has " + length
                        + " bytes, shard " + i + " has " + shards[i].length + " bytes");
            }
        }
        if (offset < 0 || byteCount < 0 || offset > length - byteCount) {
            throw new IllegalArgumentException(spec + ": range offset=" + offset + " byteCount=" + byteCount
                    + " is outside shards of " + length + " bytes");
        }
    }

    private static int[] range(int from, int to) {
        int[] indexes = new int[to - from];
        Arrays.setAll(indexes, i -> from + i);
        return indexes;
    }

    /** How many erasure patterns have a cached decode coder. */
    int cachedDecoders() {
        return decoders.size();
    }

    @Override
    public String toString() {
        return spec + " on " + kernels.name();
    }
}
