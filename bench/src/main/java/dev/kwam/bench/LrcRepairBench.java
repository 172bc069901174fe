package dev.kwam.bench;

import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.lrc.LocalReconstructionCode;
import dev.kwam.codec.rs.ReedSolomon;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rebuilding one lost 1 MiB data fragment: LRC(12,2,2) from its local group (5 data + 1 local
 * parity = 6 MiB read) against RS(12,4) from 12 surviving shards (12 MiB read), each beside a
 * {@code System.arraycopy} of exactly the bytes it reads. Scores are microseconds per rebuilt shard.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class LrcRepairBench {
    static final int DATA = 12;
    static final int SHARD = 1 << 20;
    static final int LOST = 1;

    @Param({"vector", "scalar"})
    public String kernels;

    private LocalReconstructionCode lrc;
    private byte[][] lrcShards;
    private boolean[] lrcPresent;
    private int[] lrcSources;

    private ReedSolomon rs;
    private byte[][] rsShards;
    private boolean[] rsPresent;

    private byte[][] copies;

    @Setup
    public void setUp() {
        lrc = new LocalReconstructionCode(new LrcSpec(DATA, 2, 2), RsBenchKernels.named(kernels));
        lrcShards = stripe(lrc.totalCount());
        lrc.encode(lrcShards, 0, SHARD);
        lrcPresent = allBut(lrc.totalCount(), LOST);
        lrcSources = lrc.repairSources(LOST, lrcPresent);
        if (lrcSources.length != DATA / 2) {
            throw new IllegalStateException("expected a local repair from 6 shards, got " + Arrays.toString(lrcSources));
        }

        rs = ReedSolomon.create(DATA, 4, RsBenchKernels.named(kernels));
        rsShards = stripe(DATA + 4);
        rs.encode(rsShards, 0, SHARD);
        rsPresent = allBut(DATA + 4, LOST);

        copies = new byte[DATA][SHARD];
    }

    @Benchmark
    public byte[] lrcLocalRepair() {
        lrc.reconstruct(lrcShards, lrcPresent, 0, SHARD);
        return lrcShards[LOST];
    }

    /** The 6 MiB the LRC repair reads, copied once. */
    @Benchmark
    public byte[][] lrcReadBaseline() {
        for (int i = 0; i < lrcSources.length; i++) {
            System.arraycopy(lrcShards[lrcSources[i]], 0, copies[i], 0, SHARD);
        }
        return copies;
    }

    @Benchmark
    public byte[] rsFullDecode() {
        rs.reconstruct(rsShards, rsPresent, 0, SHARD);
        return rsShards[LOST];
    }

    /** The 12 MiB the RS decode reads, copied once. */
    @Benchmark
    public byte[][] rsReadBaseline() {
        for (int i = 0; i < DATA; i++) {
            System.arraycopy(rsShards[i == LOST ? DATA : i], 0, copies[i], 0, SHARD);
        }
        return copies;
    }

    private static byte[][] stripe(int shards) {
        byte[][] stripe = new byte[shards][SHARD];
        Random random = new Random(42);
        for (int i = 0; i < DATA; i++) {
            random.nextBytes(stripe[i]);
        }
        return stripe;
    }

    private static boolean[] allBut(int shards, int lost) {
        boolean[] present = new boolean[shards];
        Arrays.fill(present, true);
        present[lost] = false;
        return present;
    }
}
