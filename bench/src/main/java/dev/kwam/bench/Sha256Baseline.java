package dev.kwam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole-process baseline for docs/benchmarks.md: SHA-256 alone over a file's bytes on N
 * threads (each hashes one contiguous range), reading as the CLI reads. Prints MB/s (10^6 bytes).
 *
 * <pre>java -cp bench/target/kwam-bench.jar dev.kwam.bench.Sha256Baseline FILE [THREADS]</pre>
 */
public final class Sha256Baseline {
    private Sha256Baseline() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
        }
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            hash(file, size, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("sha256 %d threads: %.0f MB/s (%.3f s for %d bytes)%n", threads, size / seconds / 1e6,
                    seconds, size);
        }
    }

    private static void hash(Path file, long size, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> parts = new ArrayList<>();
            long per = (size + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                long from = t * per;
                long to = Math.min(size, from + per);
                parts.add(pool.submit(() -> range(file, from, to)));
            }
            for (Future<byte[]> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static byte[] range(Path file, long from, long to) throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = from;
            while (at < to) {
                buf.clear().limit((int) Math.min(buf.capacity(), to - at));
                int n = ch.read(buf, at);
                if (n < 0) {
                    break;
                }
                sha.update(buf.array(), 0, n);
                at += n;
            }
        }
        return sha.digest();
    }
}
