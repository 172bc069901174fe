package dev.kwam.hud;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import kamon.Kamon;
import kamon.metric.Metric;
import kamon.prometheus.PrometheusReporter;
import kamon.tag.TagSet;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The HUD's figures as Prometheus series, through Kamon and its Prometheus reporter, served at {@code /metrics} on
 * the metrics port (no embedded server of Kamon's own). Every series carries {@code source} and {@code node}; nodes
 * are counted per top-level fault domain, never one series per node, so the number of series does not grow with the
 * fleet. A figure that could not be read or computed has no series (UNAVAILABLE), never a 0: Kamon's gauges take
 * no NaN and its reporter keeps a series once seen, so {@link #scrape} leaves out the series of what is unavailable now.
 * Kamon's registry is per JVM: in a JVM that runs several nodes (tests), each node's series differ by {@code node}.
 */
public final class HudMetrics implements AutoCloseable {
    /** How often the readings are taken and Kamon's snapshot is taken: a scrape sees figures at most this old. */
    static final Duration TICK = Duration.ofSeconds(5);
    /**
     * The JHMM's readings (repairs, durability) are taken only while {@code /metrics} was scraped this recently: every
     * node of a fleet asking the JHMM every {@link #TICK} for nobody would cost the JHMM's host a request per node per
     * tick. Until the next reading after a pause, their series are left out of scrapes rather than served stale.
     */
    static final Duration WATCHED = Duration.ofMinutes(2);
    /** The series those readings set, by name prefix. */
    private static final List<String> JHMM_SERIES = List.of("kwam_repair_", "kwam_sha_gate", "kwam_below_full_redundancy",
            "kwam_durability_");
    private static volatile long lastScrapeNanos;
    private static volatile boolean everScraped;
    private static final List<String> NODE_STATES = List.of("live", "unreachable", "joining", "leaving", "down", "gone", "cordoned",
            "draining", "drained");
    private static final List<String> REPAIR_STATES = List.of("running", "queued", "due", "deferred", "unplaceable");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HudMetrics.class);
    private static PrometheusReporter reporter;

    private static final List<HudMetrics> RUNNING = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final HudData data;
    private final String node;
    private final java.util.Set<String> hiddenSeries = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Cancellable refresh;
    private final java.util.function.Consumer<HudEvent> countEvent;
    private final ActorSystem<?> system;
    /**
     * True while the JHMM's series may still hold figures from before a pause in scraping: from the pause until one
     * Kamon tick after the next reading (scrapes serve the snapshot of the last tick).
     */
    private volatile boolean jhmmStale = true;
    private volatile long jhmmFreshAt;

    private HudMetrics(HudData data, String node, ActorSystem<?> system) {
        this.data = data;
        this.node = node;
        this.system = system;
        this.countEvent = e -> Kamon.counter("kwam.events").withTags(tags(e.source()).withTag("type", e.type().wire())).increment();
        data.events().listen(countEvent);
        this.refresh = system.scheduler().scheduleAtFixedRate(Duration.ZERO, TICK, this::refresh, system.executionContext());
        RUNNING.add(this);
    }

    /** Starts taking {@code data}'s readings every {@link #TICK} for the node {@code node}. */
    public static HudMetrics start(HudData data, String node, ActorSystem<?> system) {
        prometheus();
        return new HudMetrics(data, node, system);
    }

    /**
     * The Prometheus text exposition of every series of this JVM as of Kamon's last tick, without the series of figures
     * unavailable now; empty if no metrics were started.
     */
    public static Optional<String> scrape() {
        boolean wasWatched = watched();
        lastScrapeNanos = System.nanoTime();
        everScraped = true;
        if (!wasWatched) {
            // The first scrape after a pause: read the JHMM now rather than at the next tick.
            RUNNING.forEach(m -> m.system.executionContext().execute(m::refresh));
        }
        String text;
        synchronized (HudMetrics.class) {
            if (reporter == null) {
                return Optional.empty();
            }
            text = reporter.scrapeData();
        }
        StringBuilder out = new StringBuilder(text.length());
        text.lines().filter(line -> RUNNING.stream().noneMatch(m -> m.hides(line))).forEach(line -> out.append(line).append('\n'));
        return Optional.of(out.toString());
    }

    /** Series {@code metric} of this node with {@code tag} (when not empty) is left out of scrapes while {@code hidden}. */
    private void hide(String metric, String tag, boolean hidden) {
        String key = metric + "|" + tag;
        if (hidden) {
            hiddenSeries.add(key);
        } else {
            hiddenSeries.remove(key);
        }
    }

    private boolean isJhmmStale() {
        return jhmmStale || System.nanoTime() - jhmmFreshAt < 0;
    }

    /** Forgets every scrape, as if none had ever come: for tests of the watched gate in a JVM that scraped before. */
    static void forgetScrapes() {
        everScraped = false;
    }

    private static boolean watched() {
        return everScraped && System.nanoTime() - lastScrapeNanos < WATCHED.toNanos();
    }

    private boolean hides(String line) {
        if (isJhmmStale() && line.contains("node=\"" + node + "\"") && JHMM_SERIES.stream().anyMatch(line::startsWith)) {
            return true;
        }
        for (String key : hiddenSeries) {
            int bar = key.indexOf('|');
            String metric = key.substring(0, bar);
            String tag = key.substring(bar + 1);
            if (line.startsWith(metric + "{") && line.contains("node=\"" + node + "\"") && (tag.isEmpty() || line.contains(tag))) {
                return true;
            }
        }
        return false;
    }

    private static synchronized PrometheusReporter prometheus() {
        if (reporter == null) {
            // init, not reconfigure: init also starts the module registry's ticks that hand snapshots to reporters. No
            // agent is attached (KWAM measures its own figures, it does not instrument Pekko) and no banner is printed.
            Kamon.init(ConfigFactory.parseString("""
                    kamon.metric.tick-interval = %d seconds
                    kamon.modules.prometheus-reporter.enabled = no
                    kamon.prometheus.start-embedded-http-server = no
                    kamon.prometheus.include-environment-tags = no
                    kamon.init.hide-banner = yes
                    kamon.init.attach-instrumentation = no
                    """.formatted(TICK.toSeconds())).withFallback(Kamon.config()));
            reporter = new PrometheusReporter(PrometheusReporter.DefaultConfigPath(), Kamon.config());
            Kamon.addReporter("kwam-prometheus", reporter);
        }
        return reporter;
    }

    private TagSet tags(Source source) {
        return TagSet.of("node", node).withTag("source", source.name());
    }

    private void refresh() {
        CompletableFuture<Void> fleet = data.fleet().toCompletableFuture().thenAccept(this::fleet);
        data.store().ifPresent(this::store);
        if (!watched()) {
            jhmmStale = true;
            fleet.exceptionally(failure -> {
                LOG.debug("metrics: the fleet reading failed: {}", failure.toString());
                return null;
            });
            return;
        }
        CompletableFuture<Void> repairs = data.repairs().toCompletableFuture().thenAccept(this::repairs);
        CompletableFuture<Void> durability = data.durability().toCompletableFuture().thenAccept(this::durability);
        CompletableFuture.allOf(repairs, durability).thenRun(() -> {
            if (jhmmStale) {
                jhmmFreshAt = System.nanoTime() + TICK.toNanos();
                jhmmStale = false;
            }
        });
        CompletableFuture.allOf(fleet, repairs, durability).exceptionally(failure -> {
            // A reading that failed leaves its series as they were last read: said in the log, not drawn as 0.
            LOG.debug("metrics: a reading failed: {}", failure.toString());
            return null;
        });
    }

    private void fleet(FleetReading f) {
        String level = TopologyRoutes.HIERARCHY.stream().filter(l -> f.nodes().stream().anyMatch(n -> n.domains().containsKey(l)))
                .findFirst().orElse("fleet");
        Map<String, Map<String, Long>> byDomain = new TreeMap<>();
        for (NodeRecord n : f.nodes()) {
            String domain = level.equals("fleet") ? "fleet" : n.domains().getOrDefault(level, TopologyRoutes.UNLABELLED);
            String state = n.live() && n.mark().isEmpty() ? "live" : n.state();
            byDomain.computeIfAbsent(domain, d -> new TreeMap<>()).merge(state, 1L, Long::sum);
        }
        Metric.Gauge nodes = Kamon.gauge("kwam.nodes", "nodes per top-level fault domain and state");
        byDomain.forEach((domain, counts) -> {
            for (String state : NODE_STATES) {
                nodes.withTags(tags(f.source()).withTag("level", level).withTag("domain", domain).withTag("state", state))
                        .update(counts.getOrDefault(state, 0L));
            }
        });
    }

    private void repairs(RepairsReading r) {
        boolean full = r.plan().stream().filter(RepairsReading.Planned::running).count() >= r.maxConcurrent();
        Map<String, Long> byState = new TreeMap<>();
        r.plan().forEach(p -> byState.merge(RepairRoutes.stateOf(p, full), 1L, Long::sum));
        Metric.Gauge stripes = Kamon.gauge("kwam.repair.stripes", "stripes below full redundancy by repair state");
        REPAIR_STATES.forEach(s -> stripes.withTags(tags(r.source()).withTag("state", s)).update(byState.getOrDefault(s, 0L)));
        Kamon.gauge("kwam.repair.parked").withTags(tags(r.source())).update(r.parked().size());
        Kamon.gauge("kwam.repair.completed").withTags(tags(r.source())).update(r.repaired());
        Kamon.gauge("kwam.repair.moved.bytes").withTags(tags(r.source())).update(r.bytesMoved());
        Kamon.gauge("kwam.sha.gate").withTags(tags(r.source()).withTag("result", "passed")).update(r.tally().gatePassed());
        Kamon.gauge("kwam.sha.gate").withTags(tags(r.source()).withTag("result", "refused")).update(r.tally().gateRefused());
        Optional<Instant> oldest = r.plan().stream().map(RepairsReading.Planned::belowFullSince).min(Instant::compareTo);
        Kamon.gauge("kwam.below.full.redundancy.seconds", "how long the stripe longest below full redundancy has been so")
                .withTags(tags(r.source())).update(oldest.map(t -> Duration.between(t, r.observedAt()).toMillis() / 1000.0).orElse(0.0));
        r.rate().ifPresent(rate -> Kamon.gauge("kwam.repair.rate.bytes.per.second", "the measured repair rate")
                .withTags(tags(r.source())).update(rate.bytesPerSecond()));
        hide("kwam_repair_rate_bytes_per_second", "", r.rate().isEmpty());
    }

    private void durability(DurabilityReading d) {
        Metric.Gauge nines = Kamon.gauge("kwam.durability.nines", "the fleet's modeled durability and the guard's target, in nines");
        TagSet fleet = tags(Source.MODELED).withTag("figure", "fleet");
        TagSet target = tags(Source.LIVE).withTag("figure", "target");
        d.fleet().ifPresent(f -> nines.withTags(fleet).update(f.nines()));
        d.target().ifPresent(t -> nines.withTags(target).update(t.nines()));
        hide("kwam_durability_nines", "figure=\"fleet\"", d.fleet().isEmpty());
        hide("kwam_durability_nines", "figure=\"target\"", d.target().isEmpty());
    }

    private void store(StoreReading s) {
        Kamon.gauge("kwam.store.fragments").withTags(tags(s.source())).update(s.fragments());
        Kamon.gauge("kwam.store.bytes").withTags(tags(s.source())).update(s.bytes());
        Kamon.gauge("kwam.store.quarantined").withTags(tags(s.source())).update(s.quarantined());
    }

    @Override
    public void close() {
        RUNNING.remove(this);
        refresh.cancel();
        data.events().unlisten(countEvent);
    }
}
