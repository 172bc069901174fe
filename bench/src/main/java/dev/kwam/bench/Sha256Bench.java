package dev.kwam.bench;

import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-256 of the gate's typical unit (a 1 MiB shard), next to {@code System.arraycopy} of the same
 * bytes. Throughput in MiB/s = ops/s x size / 2^20; docs/benchmarks.md reports both and their ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Sha256Bench {
    @Param({"1048576"})
    int size;

    private byte[] data;
    private byte[] copy;
    private MessageDigest sha;

    @Setup
    public void setUp() throws Exception {
        data = new byte[size];
        copy = new byte[size];
        new SplittableRandom(42).nextBytes(data);
        sha = MessageDigest.getInstance("SHA-256");
    }

    @Benchmark
    public byte[] sha256() {
        sha.update(data, 0, size);
        return sha.digest();
    }

    @Benchmark
    public byte[] arraycopyBaseline() {
        System.arraycopy(data, 0, copy, 0, size);
        return copy;
    }
}
