package dev.kwam.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consent-token spends per second and their latency, KWAM's ledger or etcd, closed loop at 1 and at N in flight;
 * after each point, 100 of its tokens are spent again and every replay must be refused (else exit 3). One target
 * per run; {@code bench/scripts/consent-spend.sh} runs KWAM and etcd in turn and prints their ratios
 * (docs/benchmarks.md).
 *
 * <pre>
 * java -cp bench/target/kwam-bench.jar dev.kwam.bench.SpendBench kwam VOTERS STORAGE_DIR [options]
 * java -cp bench/target/kwam-bench.jar dev.kwam.bench.SpendBench etcd http://127.0.0.1:2379[,...] [options]
 *   --serial N      at most N spends measured at 1 in flight (default 2000)
 *   --parallel N    at most N spends measured at --in-flight (default 10000)
 *   --in-flight N   the concurrent point's lanes (default 64)
 *   --seconds S     a point stops sending after S seconds even if fewer were sent (default 4)
 *   --warmup N      unmeasured spends first, half at 1 in flight and half concurrent, at most S/2 s each (default 1000)
 * </pre>
 * Prints one {@code point ...} line per measured point, key=value, for the script to read.
 */
public final class SpendBench {
    private static final int REPLAYS = 100;
    private static final Duration POINT_LIMIT = Duration.ofMinutes(3);

    private SpendBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SpendBench kwam VOTERS STORAGE_DIR [--serial N] [--parallel N] [--in-flight N] [--warmup N]\n"
                    + "       SpendBench etcd ENDPOINT[,ENDPOINT...] [same options]");
            System.exit(2);
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        SpendTarget target;
        if (args[0].equals("kwam")) {
            Path storage = Files.createDirectories(Path.of(rest.remove(0)));
            target = KwamSpendTarget.start(storage, Integer.parseInt(args[1]));
        } else if (args[0].equals("etcd")) {
            target = EtcdSpendTarget.connect(List.of(args[1].split(",")));
        } else {
            throw new IllegalArgumentException("target must be kwam or etcd, got " + args[0]);
        }
        int serial = option(rest, "--serial", 2_000);
        int parallel = option(rest, "--parallel", 10_000);
        int inFlight = option(rest, "--in-flight", 64);
        int warmup = option(rest, "--warmup", 1_000);
        Duration sendFor = Duration.ofSeconds(option(rest, "--seconds", 4));
        int exit = 0;
        try {
            // Token ids never repeat across runs against the same etcd data, nor between points.
            String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            ClosedLoop.run(target, "tok-" + run + "-warm1-", warmup / 2, 1, sendFor.dividedBy(2), POINT_LIMIT);
            ClosedLoop.run(target, "tok-" + run + "-warmN-", warmup - warmup / 2, inFlight, sendFor.dividedBy(2), POINT_LIMIT);
            exit = Math.max(exit, point(target, "tok-" + run + "-p1-", serial, 1, sendFor));
            exit = Math.max(exit, point(target, "tok-" + run + "-pN-", parallel, inFlight, sendFor));
        } finally {
            target.close();
        }
        // Ratis and Pekko leave non-daemon threads behind a clean close; the figures are out.
        System.exit(exit);
    }

    /** Measures one point and replays 100 of its tokens; 0 when clean, 1 on errors, 3 when a replay got through. */
    private static int point(SpendTarget target, String prefix, int count, int inFlight, Duration sendFor) throws InterruptedException {
        if (count <= 0) {
            return 0;
        }
        ClosedLoop.Result r = ClosedLoop.run(target, prefix, count, inFlight, sendFor, POINT_LIMIT);
        int refused = 0;
        int replays = Math.min(REPLAYS, r.spent().size());
        for (String id : r.spent().subList(0, replays)) {
            if (!target.spend(id).toCompletableFuture().join()) {
                refused++;
            }
        }
        System.out.printf(Locale.ROOT, "point target=%s voters=%d in_flight=%d spends=%d accepted=%d refused_fresh=%d errors=%d "
                        + "secs=%.2f per_sec=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.1f replays_refused=%d/%d%n",
                target.name(), target.voters(), inFlight, r.sent(), r.accepted(), r.refused(), r.errors(), r.elapsedNanos() / 1e9,
                r.perSecond(), r.millisAt(50), r.millisAt(99), r.latencyMicros().getMaxValue() / 1_000.0, refused, replays);
        if (r.firstError() != null) {
            System.err.println("first error: " + r.firstError());
        }
        if (refused != replays || replays < REPLAYS) {
            System.err.printf("FAIL: %d of %d replays were refused%n", refused, replays);
            return 3;
        }
        // A fresh token refused would mean ids collided or the store lied: as bad as a replay let through.
        if (r.refused() > 0) {
            System.err.printf("FAIL: %d fresh tokens were refused%n", r.refused());
            return 3;
        }
        return r.errors() > 0 ? 1 : 0;
    }

    private static int option(List<String> rest, String name, int fallback) {
        int at = rest.indexOf(name);
        return at < 0 ? fallback : Integer.parseInt(rest.get(at + 1));
    }
}
