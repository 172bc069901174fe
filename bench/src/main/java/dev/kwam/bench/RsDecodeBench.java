package dev.kwam.bench;

import dev.kwam.codec.rs.ReedSolomon;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RS(10,4) reconstruction of lost data shards from 1 MiB shards beside a System.arraycopy of the 10 MiB
 * the decode reads. One operation is one byte of input (the 10 shards read), so the score is bytes of
 * input per second. The decode matrix is cached after the first call, as in steady-state repair.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class RsDecodeBench {

    static final int DATA = 10;
    static final int PARITY = 4;
    static final int SHARD = 1 << 20;
    static final int INPUT_BYTES = DATA * SHARD;

    @Param({"vector", "scalar"})
    public String kernels;

    /** Lost data shards, spread out so the decode reads parity rows in the middle of the inputs. */
    @Param({"2", "4"})
    public int lost;

    private ReedSolomon rs;
    private byte[][] shards;
    private boolean[] present;
    private byte[][] copies;

    @Setup
    public void setUp() {
        rs = ReedSolomon.create(DATA, PARITY, RsBenchKernels.named(kernels));
        shards = new byte[DATA + PARITY][SHARD];
        copies = new byte[DATA][SHARD];
        Random random = new Random(42);
        for (int i = 0; i < DATA; i++) {
            random.nextBytes(shards[i]);
        }
        rs.encodeParity(shards, 0, SHARD);
        present = new boolean[DATA + PARITY];
        java.util.Arrays.fill(present, true);
        for (int i = 0; i < lost; i++) {
            present[1 + 2 * i] = false;
        }
    }

    @Benchmark
    @OperationsPerInvocation(INPUT_BYTES)
    public byte[][] reconstruct() {
        rs.decodeMissing(shards, present, 0, SHARD);
        return shards;
    }

    @Benchmark
    @OperationsPerInvocation(INPUT_BYTES)
    public byte[][] arraycopyBaseline() {
        for (int i = 0; i < DATA; i++) {
            System.arraycopy(shards[i], 0, copies[i], 0, SHARD);
        }
        return copies;
    }
}
