package dev.kwam.bench;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ReadResult;
import dev.kwam.node.store.StoreOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The node's fragment store on 100 KiB fragments, each beside a baseline on the same bytes in the
 * same run: a durable {@code put} (verify, temp file, fsync, rename, directory fsync) against
 * {@code Files.write} + {@code FileChannel.force}; a verified {@code read} (re-hash of header and
 * payload) against {@code Files.readAllBytes}. Scores are fragments/s; MB/s = score x file size.
 * Files go under {@code -Dkwam.bench.dir} (default java.io.tmpdir): put it on the disk to measure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FragmentStoreBench {
    private static final int POOL = 64;

    /** A pool of sealed fragments, an open store and a baseline directory, shared by both kinds of benchmark. */
    @State(Scope.Thread)
    public static class Files100K {
        @Param({"102400"})
        int payloadBytes;

        Path dir;
        Path baseline;
        FragmentStore store;
        Fragment[] fragments = new Fragment[POOL];
        byte[][] files = new byte[POOL][];
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path parent = Path.of(System.getProperty("kwam.bench.dir", System.getProperty("java.io.tmpdir")));
            dir = Files.createTempDirectory(parent, "kwam-store-bench");
            baseline = Files.createDirectory(dir.resolve("baseline"));
            store = FragmentStore.open(dir.resolve("cas"), new StoreOptions(0, 0));
            SplittableRandom rnd = new SplittableRandom(42);
            CodecSpec rs = new CodecSpec.ReedSolomonSpec(10, 4);
            for (int i = 0; i < POOL; i++) {
                byte[] payload = new byte[payloadBytes];
                rnd.nextBytes(payload);
                FragmentHeader unsealed = new FragmentHeader(rs, i % 14, i, payloadBytes * 10, payloadBytes,
                        Cid.of(payload), new byte[Cid.DIGEST_BYTES]);
                fragments[i] = Fragment.seal(unsealed, payload, Cid.sha256());
                files[i] = fragments[i].toBytes();
                store.put(fragments[i]);
                Files.write(baseline.resolve(Integer.toString(i)), files[i]);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        int advance() {
            next = (next + 1) % POOL;
            return next;
        }
    }

    /** Before each timed put (untimed), removes the file it will write, so every put really writes. */
    @State(Scope.Thread)
    public static class FreeSlot {
        int slot;

        @Setup(Level.Invocation)
        public void free(Files100K f) throws IOException {
            slot = f.advance();
            f.store.delete(f.fragments[slot].cid());
            Files.deleteIfExists(f.baseline.resolve(Integer.toString(slot)));
            // The store's delete fsyncs its directory; do the same here, or the baseline's timed
            // fsync would also pay for committing this unlink.
            try (FileChannel dir = FileChannel.open(f.baseline, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    @Benchmark
    public void putDurable(Files100K f, FreeSlot s) throws IOException {
        f.store.put(f.fragments[s.slot]);
    }

    @Benchmark
    public void putBaselineWriteAndForce(Files100K f, FreeSlot s) throws IOException {
        Path file = f.baseline.resolve(Integer.toString(s.slot));
        Files.write(file, f.files[s.slot]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    @Benchmark
    public byte[] getVerified(Files100K f) throws IOException {
        ReadResult r = f.store.read(f.fragments[f.advance()].cid());
        return ((ReadResult.Found) r).bytes();
    }

    @Benchmark
    public byte[] getBaselineReadAllBytes(Files100K f) throws IOException {
        return Files.readAllBytes(f.baseline.resolve(Integer.toString(f.advance())));
    }
}
