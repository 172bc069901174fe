package dev.kwam.bench;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.client.KwamClientException;
import dev.kwam.node.peer.PeerClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast a real cluster heals: six {@code kwam up} processes on loopback (from {@code node-app/target/kwam.jar}),
 * {@code OBJECTS} objects of {@code SIZE} bytes protected with rs(3,2) — five fragments per stripe, so five
 * survivors can hold every stripe whole again — then {@code kill -9} of one node that is not the JHMM's host.
 * Measured: kill → the JHMM's first running repair (detection), kill → the repair plan empty again and every
 * fragment {@code ok} on a live node (full redundancy), and the repair's throughput (the JHMM's own count of
 * bytes fetched + written over the time it repaired). Baseline in the same run, between the same processes:
 * {@code GET /chunk} of the surviving fragments (the bytes a repair reads) by this process over mutual TLS with
 * the JHMM's concurrency. docs/benchmarks.md, "Healing".
 *
 * <p>With {@code BANDWIDTH_MIB} the cluster runs with {@code kwam.node.repair.bandwidth} set to it, and the line
 * "repaired … MB/s" is the budget's measured rate against that limit.
 *
 * <pre>java -cp bench/target/kwam-bench.jar dev.kwam.bench.HealBench [OBJECTS] [SIZE_KIB] [BANDWIDTH_MIB]</pre>
 */
public final class HealBench {
    private static final int NODES = 6;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private HealBench() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int sizeKib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        long bandwidth = args.length > 2 ? Long.parseLong(args[2]) << 20 : 0;
        Path jar = Path.of(System.getProperty("kwam.jar", "node-app/target/kwam.jar")).toAbsolutePath();
        Path work = Files.createTempDirectory("kwam-heal-bench");
        List<Process> processes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
        try {
            run(jar, work, List.of("pki", "init", "--trust-domain", "bench.test", "--out", "ca"));
            for (int n = 0; n <= NODES; n++) {
                String name = n == 0 ? "client" : "node-" + n;
                run(jar, work, List.of("pki", "issue", "--ca", "ca", "--spiffe-id",
                        "spiffe://bench.test/acme/cl-1/az1/pod-1/" + name + "/kwamd", "--out", "pki-" + name));
            }
            Files.writeString(work.resolve("node.conf"), "kwam.node.store { reserve = 0, reserve-percent = 0 }\n"
                    + "kwam.node.repair.bandwidth = " + bandwidth + "\n");
            int[] data = new int[NODES + 1];
            int[] metrics = new int[NODES + 1];
            int seed = 0;
            for (int n = 1; n <= NODES; n++) {
                int control = freePort();
                data[n] = freePort();
                metrics[n] = freePort();
                List<String> a = new ArrayList<>(List.of("up", "--name", "node-" + n, "--data", "data-" + n, "--pki", "pki-node-" + n,
                        "--control-port", "" + control, "--data-port", "" + data[n], "--metrics-port", "" + metrics[n], "--raft-port", "" + freePort(),
                        "--domain", "rack=r" + n, "--config", "node.conf"));
                if (n == 1) {
                    seed = control;
                } else {
                    a.addAll(List.of("--seed", "127.0.0.1:" + seed));
                }
                processes.add(new ProcessBuilder(command(jar, a)).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(work.resolve("node-" + n + ".log").toFile()).start());
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!allUp(metrics)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cluster did not form; logs in " + work);
                }
                Thread.sleep(500);
            }
            Path pki = work.resolve("pki-client");
            try (KwamClient client = KwamClient.connect("127.0.0.1", data[1], pki)) {
                SplittableRandom random = new SplittableRandom(7);
                List<Cid> cids = new ArrayList<>();
                long protectStart = System.nanoTime();
                for (int i = 0; i < objects; i++) {
                    byte[] bytes = new byte[sizeKib << 10];
                    random.nextBytes(bytes);
                    cids.add(client.protect(new ByteArrayInputStream(bytes), Optional.of(new CodecSpec.ReedSolomonSpec(3, 2))).object());
                }
                System.out.printf("protected %d x %d KiB with rs(3,2) in %.1f s%n", objects, sizeKib,
                        (System.nanoTime() - protectStart) / 1e9);

                // Kill the youngest node: the JHMM runs on the oldest (node-1), so the measurement is repair, not handover.
                long killed = System.nanoTime();
                processes.get(NODES - 1).destroyForcibly().waitFor();
                RepairStatus first = null;
                while (first == null) {
                    RepairStatus s = repairs(client);
                    if (s != null && !s.running().isEmpty()) {
                        first = s;
                    } else {
                        Thread.sleep(100);
                    }
                }
                double detect = (System.nanoTime() - killed) / 1e9;
                long repairStart = System.nanoTime();
                RepairStatus last;
                while (true) {
                    last = repairs(client);
                    if (last != null && last.plan().stripes().isEmpty()) {
                        break;
                    }
                    Thread.sleep(100);
                }
                double repairSeconds = (System.nanoTime() - repairStart) / 1e9;
                long bad = 0;
                List<String[]> sources = new ArrayList<>();
                for (Cid cid : cids) {
                    for (KwamNode.StripeStat stripe : client.stat(cid).stripes()) {
                        for (KwamNode.FragmentStat f : stripe.fragments()) {
                            if (!f.state().equals("ok") || f.node().equals("node-" + NODES)) {
                                bad++;
                            }
                            sources.add(new String[] {f.node(), f.cid().toString()});
                        }
                    }
                }
                double full = (System.nanoTime() - killed) / 1e9;
                double mbps = last.bytesMoved() / repairSeconds / 1e6;
                System.out.printf("kill -9 -> first repair running: %.1f s%n", detect);
                System.out.printf("kill -9 -> plan empty: %.1f s; full redundancy verified (stat of every object) at %.1f s; "
                        + "fragments not ok: %d%n", detect + repairSeconds, full, bad);
                System.out.printf("repaired %d stripes, %d bytes moved (fetched + written) in %.2f s: %.1f MB/s%s%n",
                        last.repaired(), last.bytesMoved(), repairSeconds, mbps, bandwidth == 0 ? ""
                                : String.format(" against a limit of %.1f MB/s (%+.1f %%)", bandwidth / 1e6,
                                        (mbps / (bandwidth / 1e6) - 1) * 100));

                double baseline = baseline(pki, data, sources, last.bytesMoved(), last.limits().maxConcurrentStripes() * 3);
                System.out.printf("baseline GET /chunk of the same fragments, %d at once: %.1f MB/s; repair / baseline = %.2f%n",
                        last.limits().maxConcurrentStripes() * 3, baseline, mbps / baseline);
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Process p : processes) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
            System.out.println("work directory (node logs): " + work);
        }
    }

    /** GETs surviving fragments from their holders until {@code bytes} have been copied; MB/s. */
    private static double baseline(Path pki, int[] data, List<String[]> fragments, long bytes, int parallel) throws Exception {
        PeerClient peers = new PeerClient(MutualTls.of(NodeCertificate.load(pki)), Duration.ofSeconds(5), Duration.ofSeconds(60),
                64L << 20);
        Map<String, String> endpoints = new TreeMap<>();
        for (int n = 1; n < NODES; n++) {
            endpoints.put("node-" + n, "127.0.0.1:" + data[n]);
        }
        AtomicLong copied = new AtomicLong();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < parallel; t++) {
            workers.add(pool.submit(() -> {
                while (copied.get() < bytes) {
                    String[] f = fragments.get((int) (next.getAndIncrement() % fragments.size()));
                    String endpoint = endpoints.get(f[0]);
                    if (endpoint == null) {
                        continue;
                    }
                    PeerClient.ChunkReply reply = peers.getChunk(endpoint, Cid.parse(f[1]));
                    if (reply instanceof PeerClient.Found found) {
                        copied.addAndGet(found.bytes().length);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return copied.get() / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static RepairStatus repairs(KwamClient client) {
        try {
            return client.repairs();
        } catch (KwamClientException e) {
            return null;
        }
    }

    private static boolean allUp(int[] metrics) {
        for (int n = 1; n <= NODES; n++) {
            try {
                String members = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics[n] + "/members"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (members.split("\"status\":\"Up\"", -1).length - 1 != NODES) {
                    return false;
                }
                int ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics[n] + "/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (ready != 200) {
                    return false;
                }
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    private static List<String> command(Path jar, List<String> args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xmx256m", "-jar", jar.toString()));
        c.addAll(args);
        return c;
    }

    private static void run(Path jar, Path work, List<String> args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(jar, args)).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kwam " + args + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
