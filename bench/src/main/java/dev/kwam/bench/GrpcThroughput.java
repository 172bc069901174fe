package dev.kwam.bench;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.DirectoryFragmentStore;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.ProtectOptions;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Protect and recover through a running cluster's gRPC API with one warm {@link KwamClient}, against
 * the local SDK on the same file and codec in the same JVM and run: the API's throughput without a
 * client JVM's start-up (bench/scripts/grpc-throughput.sh starts the cluster and measures both ways).
 *
 * <pre>java -cp kwam-bench.jar dev.kwam.bench.GrpcThroughput FILE PROTECT_HOST:PORT RECOVER_HOST:PORT PKI_DIR RUNS K M</pre>
 */
public final class GrpcThroughput {
    private GrpcThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String[] writer = args[1].split(":");
        String[] reader = args[2].split(":");
        Path pki = Path.of(args[3]);
        int runs = Integer.parseInt(args[4]);
        CodecSpec codec = new CodecSpec.ReedSolomonSpec(Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        double mb = Files.size(file) / 1e6;
        Path scratch = Files.createTempDirectory(file.toAbsolutePath().getParent(), "grpc-bench-");
        try (KwamClient in = KwamClient.connect(writer[0], Integer.parseInt(writer[1]), pki);
                KwamClient out = KwamClient.connect(reader[0], Integer.parseInt(reader[1]), pki)) {
            for (int run = 0; run <= runs; run++) {
                Path local = Files.createDirectories(scratch.resolve("local-" + run));
                long t0 = System.nanoTime();
                DirectoryFragmentStore store = new DirectoryFragmentStore(local);
                Manifest manifest = Kwam.protect(file, ProtectOptions.builder().codec(codec).build(), store);
                store.flush();
                long localProtect = System.nanoTime() - t0;
                t0 = System.nanoTime();
                Path localCopy = scratch.resolve("local-" + run + ".out");
                try (OutputStream o = Files.newOutputStream(localCopy)) {
                    Kwam.recover(manifest, store, o);
                }
                try (FileChannel c = FileChannel.open(localCopy, StandardOpenOption.WRITE)) {
                    c.force(true); // the client's recover fsyncs before its rename: same durability on both sides
                }
                long localRecover = System.nanoTime() - t0;

                t0 = System.nanoTime();
                KwamNode.Protected p = in.protect(file, Optional.of(codec));
                long grpcProtect = System.nanoTime() - t0;
                t0 = System.nanoTime();
                Path grpcCopy = scratch.resolve("grpc-" + run + ".out");
                out.recover(p.object(), grpcCopy);
                long grpcRecover = System.nanoTime() - t0;
                if (Files.mismatch(file, grpcCopy) != -1) {
                    throw new IllegalStateException("recovered bytes differ from " + file);
                }
                System.out.printf("%s: protect SDK %.0f MB/s, gRPC %.0f MB/s, ratio %.2f | recover SDK %.0f MB/s, gRPC %.0f MB/s, ratio %.2f%n",
                        run == 0 ? "warm-up" : "run " + run, mb / secs(localProtect), mb / secs(grpcProtect),
                        (double) localProtect / grpcProtect, mb / secs(localRecover), mb / secs(grpcRecover),
                        (double) localRecover / grpcRecover);
                delete(local);
                Files.delete(localCopy);
                Files.delete(grpcCopy);
            }
        } finally {
            delete(scratch);
        }
        System.exit(0);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static void delete(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
