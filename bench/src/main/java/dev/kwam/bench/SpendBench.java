package dev.kwam.bench;

import dev.kwam.actors.runtime.CommonPool;
import com.typesafe.config.ConfigFactory;
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
 *   --shards N      unmeasured first: one spend per ledger shard, at --in-flight (default: Pekko's number-of-shards)
 *   --settle S      then S seconds of unmeasured spends at --in-flight, so the JIT has compiled the hot paths
 *                   before anything is measured, as JMH's warm-up iterations do (default 20; both targets alike)
 *   --warmup N      then at most N unmeasured spends at 1 in flight, for at most S seconds (default 500)
 * </pre>
 * Prints one {@code point ...} line per measured point, key=value, for the script to read.
 */
public final class SpendBench {
    private static final int REPLAYS = 100;
    /** More than any target here spends in a settle period (etcd's one member: about 5,000 a second). */
    private static final int SETTLE_IDS = 400_000;
    private static final Duration POINT_LIMIT = Duration.ofMinutes(3);
    /** The shard warm-up sends all its spends, however slow the target. */
    private static final Duration WARMUP_LIMIT = Duration.ofMinutes(5);

    private SpendBench() {
    }

    public static void main(String[] args) throws Exception {
        CommonPool.atLeastTwo(); // as the node's main does
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
        int warmup = option(rest, "--warmup", 500);
        int settle = option(rest, "--settle", 20);
        int shards = option(rest, "--shards", ConfigFactory.load().getInt("pekko.cluster.sharding.number-of-shards"));
        Duration sendFor = Duration.ofSeconds(option(rest, "--seconds", 4));
        int exit = 0;
        try {
            // Token ids never repeat across runs against the same etcd data, nor between points.
            String run = "tok-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            List<String> spent = new ArrayList<>();
            ClosedLoop.Result cold = ClosedLoop.run(target, TokenIds.onePerShard(run + "-shard-", shards), inFlight, WARMUP_LIMIT, WARMUP_LIMIT);
            System.out.printf(Locale.ROOT, "warmup target=%s voters=%d one_per_shard=%d secs=%.2f per_sec=%.0f errors=%d%n",
                    target.name(), target.voters(), cold.sent(), cold.elapsedNanos() / 1e9, cold.perSecond(), cold.errors());
            if (cold.firstError() != null) {
                System.err.println("warm-up: first error: " + cold.firstError());
            }
            spent.addAll(cold.spent());
            if (settle > 0) {
                ClosedLoop.Result settled = ClosedLoop.run(target, TokenIds.sequence(run + "-settle-", SETTLE_IDS), inFlight,
                        Duration.ofSeconds(settle), POINT_LIMIT);
                System.out.printf(Locale.ROOT, "settle target=%s voters=%d in_flight=%d spends=%d secs=%.2f per_sec=%.0f errors=%d%n",
                        target.name(), target.voters(), inFlight, settled.sent(), settled.elapsedNanos() / 1e9,
                        settled.perSecond(), settled.errors());
                spent.addAll(settled.spent());
            }
            spent.addAll(ClosedLoop.run(target, TokenIds.sequence(run + "-warm-", warmup), 1, sendFor, POINT_LIMIT).spent());
            exit = Math.max(exit, point(target, TokenIds.sequence(run + "-serial-", serial), 1, sendFor, spent));
            exit = Math.max(exit, point(target, TokenIds.sequence(run + "-parallel-", parallel), inFlight, sendFor, spent));
        } finally {
            target.close();
        }
        // Ratis and Pekko leave non-daemon threads behind a clean close; the figures are out.
        System.exit(exit);
    }

    /**
     * Measures one point, then replays 100 spent tokens: this point's, topped up with earlier ones when a slow
     * target spent fewer than 100 in the time. 0 when clean, 1 on errors, 3 when a replay or a fresh token was
     * answered wrongly. Adds this point's spent tokens to {@code spent}.
     */
    private static int point(SpendTarget target, List<String> ids, int inFlight, Duration sendFor, List<String> spent)
            throws InterruptedException {
        if (ids.isEmpty()) {
            return 0;
        }
        ClosedLoop.Result r = ClosedLoop.run(target, ids, inFlight, sendFor, POINT_LIMIT);
        List<String> replayed = new ArrayList<>(r.spent().subList(0, Math.min(REPLAYS, r.spent().size())));
        for (int i = spent.size() - 1; i >= 0 && replayed.size() < REPLAYS; i--) {
            replayed.add(spent.get(i));
        }
        spent.addAll(r.spent());
        int refused = 0;
        int replays = replayed.size();
        for (String id : replayed) {
            if (!target.spend(id).toCompletableFuture().join()) {
                refused++;
            }
        }
        System.out.printf(Locale.ROOT, "point target=%s voters=%d in_flight=%d spends=%d accepted=%d refused_fresh=%d errors=%d "
                        + "secs=%.2f per_sec=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f replays_refused=%d/%d%n",
                target.name(), target.voters(), inFlight, r.sent(), r.accepted(), r.refused(), r.errors(), r.elapsedNanos() / 1e9,
                r.perSecond(), r.millisAt(50), r.millisAt(90), r.millisAt(99), r.latencyMicros().getMaxValue() / 1_000.0, refused, replays);
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
