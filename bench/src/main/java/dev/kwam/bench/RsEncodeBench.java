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
 * RS(10,4) parity of 1 MiB shards beside a System.arraycopy of the same 10 MiB of data. One operation
 * is one byte of data shard input, so the score is bytes of input per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class RsEncodeBench {

    static final int DATA = 10;
    static final int PARITY = 4;
    static final int SHARD = 1 << 20;
    static final int INPUT_BYTES = DATA * SHARD;

    @Param({"vector", "scalar"})
    public String kernels;

    private ReedSolomon rs;
    private byte[][] shards;
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
    }

    @Benchmark
    @OperationsPerInvocation(INPUT_BYTES)
    public byte[][] encode() {
        rs.encodeParity(shards, 0, SHARD);
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
