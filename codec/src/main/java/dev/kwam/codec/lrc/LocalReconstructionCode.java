package dev.kwam.codec.lrc;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.ErasureCode;
import dev.kwam.codec.gf.GfCoder;
import dev.kwam.codec.gf.GfKernels;
import dev.kwam.codec.gf.GfKernelsProvider;
import dev.kwam.codec.gf.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Azure-style local reconstruction code, {@code lrc(k,l,r)}: k data shards in l groups, each group
 * XOR-protected by a local parity, plus r global parities over all data (coefficients and the proof
 * that any r + 1 losses are recoverable: {@link LrcGenerator}). One lost shard is rebuilt from the
 * k/l other shards of its group; heavier losses fall back to a general decoder that solves for the
 * missing shards over whatever is present.
 *
 * <p>Decoding plans are cached per pattern of present shards (bounded, see {@link PlanCache});
 * instances are immutable apart from that cache and safe to share between threads.
 */
public final class LocalReconstructionCode implements ErasureCode {
    private final LrcSpec spec;
    private final ShardLayout layout;
    private final Matrix generator;
    private final List<GfCoder> encoders;
    private final RecoveryPlanner planner;
    private final PlanCache plans = new PlanCache();

    /** Uses the GF kernels this JVM selected ({@link GfKernelsProvider#get()}). */
    public LocalReconstructionCode(LrcSpec spec) {
        this(spec, GfKernelsProvider.get());
    }

    public LocalReconstructionCode(LrcSpec spec, GfKernels kernels) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.layout = new ShardLayout(spec);
        this.generator = LrcGenerator.of(layout);
        this.encoders = encoders(layout, generator, kernels);
        this.planner = new RecoveryPlanner(layout, generator, kernels);
    }

    @Override
    public CodecSpec spec() {
        return spec;
    }

    @Override
    public void encode(byte[][] shards, int offset, int byteCount) {
        checkShards(shards, offset, byteCount);
        for (GfCoder encoder : encoders) {
            encoder.code(shards, offset, byteCount);
        }
    }

    @Override
    public boolean isParityCorrect(byte[][] shards, int offset, int byteCount) {
        checkShards(shards, offset, byteCount);
        for (GfCoder encoder : encoders) {
            if (!encoder.check(shards, offset, byteCount)) {
                return false;
            }
        }
        return true;
    }

    /** Exact: true if and only if the present shards' generator rows have rank k. */
    @Override
    public boolean isRecoverable(boolean[] present) {
        checkPresent(present);
        return plans.get(present, planner::plan).recoverable();
    }

    /** Missing shards must still be allocated arrays; only their range is overwritten. */
    @Override
    public void reconstruct(byte[][] shards, boolean[] present, int offset, int byteCount) {
        checkShards(shards, offset, byteCount);
        checkPresent(present);
        plans.get(present, planner::plan).execute(shards, offset, byteCount);
    }

    /**
     * The target's group (its k/l other data shards and local parity, or a local parity's k/l data
     * shards) when all of them are present; otherwise the present shards with a non-zero coefficient
     * in the combination the decoder uses, preferring data and local parities over globals.
     */
    @Override
    public int[] repairSources(int target, boolean[] present) {
        checkPresent(present);
        Objects.checkIndex(target, layout.total());
        return planner.sources(target, present);
    }

    /**
     * One combination per target (its group's XOR when intact), so a target whose group survived is
     * rebuilt even when the rest of the stripe is beyond recovery. Not cached: repairs are rarer than
     * reads and their patterns vary.
     */
    @Override
    public void reconstructTargets(byte[][] shards, boolean[] present, int[] targets, int offset, int byteCount) {
        checkShards(shards, offset, byteCount);
        checkPresent(present);
        for (int target : targets) {
            Objects.checkIndex(target, layout.total());
            if (present[target]) {
                throw new IllegalArgumentException("shard " + target + " is marked present, it cannot be a target");
            }
        }
        planner.targeted(targets, present).execute(shards, offset, byteCount);
    }

    /** The generator matrix: row s gives shard s from the k data shards. */
    Matrix generator() {
        return generator;
    }

    private static List<GfCoder> encoders(ShardLayout layout, Matrix generator, GfKernels kernels) {
        List<GfCoder> encoders = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            int first = layout.firstDataOf(g);
            int[] inputs = new int[layout.groupSize()];
            byte[] ones = new byte[layout.groupSize()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = first + i;
                ones[i] = 1;
            }
            encoders.add(kernels.coder(Matrix.of(new byte[][] {ones}), inputs, new int[] {layout.localParity(g)}));
        }
        if (layout.globals() > 0) {
            int[] data = new int[layout.data()];
            int[] globals = new int[layout.globals()];
            for (int i = 0; i < data.length; i++) {
                data[i] = i;
            }
            for (int j = 0; j < globals.length; j++) {
                globals[j] = layout.globalParity(j);
            }
            Matrix rows = generator.submatrix(layout.globalParity(0), 0, layout.total(), layout.data());
            encoders.add(kernels.coder(rows, data, globals));
        }
        return List.copyOf(encoders);
    }

    private void checkShards(byte[][] shards, int offset, int byteCount) {
        if (shards.length != layout.total()) {
            throw new IllegalArgumentException(spec + " has " + layout.total() + " shards, got " + shards.length);
        }
        if (offset < 0 || byteCount < 0) {
            throw new IllegalArgumentException("offset " + offset + " and byte count " + byteCount
                    + " must not be negative");
        }
        for (int s = 0; s < shards.length; s++) {
            if (shards[s] == null || shards[s].length - byteCount < offset) {
                throw new IllegalArgumentException("shard " + s + " (" + layout.describe(s) + ") must hold bytes ["
                        + offset + ", " + (offset + byteCount) + "), "
                        + (shards[s] == null ? "it is null" : "it has " + shards[s].length));
            }
        }
    }

    private void checkPresent(boolean[] present) {
        if (present.length != layout.total()) {
            throw new IllegalArgumentException(spec + " has " + layout.total() + " shards, the present mask has "
                    + present.length);
        }
    }
}
