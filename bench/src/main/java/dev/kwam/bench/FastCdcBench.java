package dev.kwam.bench;

import dev.kwam.codec.chunk.ChunkReader;
import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.chunk.FastCdc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * FastCDC over 64 MiB of random bytes, beside a {@code System.arraycopy} of the same bytes. Every
 * invocation covers 64 MiB and counts as 64 operations, so the scores read directly as MiB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(FastCdcBench.MIB)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FastCdcBench {
    static final int MIB = 64;

    /** "default" is 256 KiB / 1 MiB / 4 MiB; "small" is 8 KiB / 32 KiB / 128 KiB. */
    @Param({"default", "small"})
    public String sizes;

    private ChunkerParams params;
    private byte[] data;
    private byte[] copy;
    private byte[] chunk;

    @Setup
    public void setUp() {
        params = sizes.equals("small") ? new ChunkerParams(8 << 10, 32 << 10, 128 << 10) : ChunkerParams.DEFAULT;
        data = new byte[MIB << 20];
        new Random(42).nextBytes(data);
        copy = new byte[data.length];
        chunk = new byte[params.max()];
    }

    /** The floor: touching the same bytes once, as any consumer of the chunks must. */
    @Benchmark
    public int arraycopyBaseline() {
        System.arraycopy(data, 0, copy, 0, data.length);
        return copy[copy.length - 1];
    }

    /** One-shot cut points over an in-memory buffer: the gear loop alone. */
    @Benchmark
    public int cutPoints() {
        int chunks = 0;
        for (int off = 0; off < data.length; chunks++) {
            off += FastCdc.cutPoint(data, off, data.length - off, params);
        }
        return chunks;
    }

    /** The streaming reader, including its window refills and the copy of each chunk out. */
    @Benchmark
    public int chunkReader() throws IOException {
        int chunks = 0;
        try (ChunkReader reader = new ChunkReader(new ByteArrayInputStream(data), params)) {
            while (reader.next(chunk) >= 0) {
                chunks++;
            }
        }
        return chunks;
    }
}
