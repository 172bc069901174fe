package dev.kwam.hud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HUD's labelling rule, walked: every record of every endpoint, and of every websocket frame and event type,
 * carries {@code source} (LIVE | MODELED | UNAVAILABLE) and {@code observed_at}. Only value maps (counts, an event's
 * fields, a node's domains, the snapshot's container) are not records. Fails on the first record without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryRecordLabelledTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    /** Maps of values, not records: their contents are scalars, lists of strings, or more values. */
    private static final Set<String> VALUE_MAPS = Set.of("counts", "fields", "domains", "marked", "nodes");
    /** The websocket snapshot's container: each of its entries is a record (an endpoint's answer). */
    private static final String CONTAINER = "state";
    private static final Set<String> SOURCES = Set.of("LIVE", "MODELED", "UNAVAILABLE");
    private static final String CID = "sha256:" + "c".repeat(64);

    private final ActorTestKit kit = ActorTestKit.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private final EventLog events = new EventLog(1000);
    private final AtomicBoolean sparse = new AtomicBoolean();
    private ApiRoutes api;
    private HudData dataRef;
    private ServerBinding binding;

    @BeforeAll
    void bind() throws Exception {
        HudData data = new HudData() {
            @Override
            public CompletionStage<FleetReading> fleet() {
                List<NodeRecord> nodes = new ArrayList<>();
                for (int i = 1; i <= 40; i++) {
                    nodes.add(new NodeRecord("node-" + i, i == 40 ? "down" : "up", i % 13 != 0, Map.of("az", "az" + (i % 2), "rack", "r" + (i % 5)),
                            i == 3 ? "draining" : "", "127.0.0.1:" + (9000 + i), "spiffe://kwam.test/n" + i));
                }
                return CompletableFuture.completedFuture(new FleetReading("node-1", nodes, "none (no policy)", "voter of 1", Source.LIVE, NOW));
            }

            @Override
            public CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after) {
                return CompletableFuture.completedFuture(new ObjectsReading.Page(List.of(new ObjectRecord(CID, CID, 10, 1)), false,
                        Source.LIVE, NOW));
            }

            @Override
            public CompletionStage<ObjectsReading.One> object(String cid) {
                return CompletableFuture.completedFuture(new ObjectsReading.One(Optional.of(new ObjectDetail(new ObjectRecord(CID, CID, 10, 1),
                        List.of(new ObjectDetail.Stripe(0, CID, 1, 1, List.of(new ObjectDetail.Fragment(0, CID, "node-1", "ok"),
                                new ObjectDetail.Fragment(1, CID, "node-2", "missing")))))), Source.LIVE, NOW));
            }

            @Override
            public CompletionStage<RepairsReading> repairs() {
                List<RepairsReading.Planned> plan = List.of(
                        new RepairsReading.Planned(CID, "rs(4,2)", 0, 2, List.of("node-5"), 0, true, Optional.of("fetched"), 100, Optional.empty(), NOW),
                        new RepairsReading.Planned(CID, "rs(4,2)", 1, 1, List.of("node-6"), 0, false, Optional.empty(), 0, Optional.empty(), NOW),
                        new RepairsReading.Planned(CID, "rs(4,2)", 1, 1, List.of(), 1, false, Optional.empty(), 0, Optional.empty(), NOW),
                        new RepairsReading.Planned(CID, "rs(4,2)", 1, 1, List.of("node-7"), 0, false, Optional.empty(), 0, Optional.of(NOW), NOW));
                Optional<RepairsReading.Rate> rate = sparse.get() ? Optional.empty()
                        : Optional.of(new RepairsReading.Rate(1e6, 9, 3, NOW, NOW));
                return CompletableFuture.completedFuture(new RepairsReading(sparse.get() ? List.of() : plan, 1, 0, "from policy", rate, 3, 300,
                        List.of(new RepairsReading.Parked(CID, "poisoned", NOW)), new RepairTally.Counts(4, 1, 3, 1, NOW, Optional.of(NOW)),
                        Source.LIVE, NOW));
            }

            @Override
            public CompletionStage<DurabilityReading> durability() {
                if (sparse.get()) {
                    return CompletableFuture.completedFuture(new DurabilityReading(Optional.empty(), Optional.empty(), List.of(
                            new DurabilityReading.CodecClass("rs(4,2)", 5, List.of(new DurabilityReading.Survives("node", 2, 40, 1)), Optional.empty())),
                            Optional.empty(), "UNAVAILABLE", "no rate", 39, 5, 0, 0, List.of("repair rate: UNAVAILABLE"), Source.MODELED, NOW));
                }
                DurabilityReading.Figure f = new DurabilityReading.Figure("rs(4,2)", 4, 1e-4, false, "node");
                return CompletableFuture.completedFuture(new DurabilityReading(Optional.of(new DurabilityReading.Target("sla", 5, 6, "data")),
                        Optional.of(f), List.of(new DurabilityReading.CodecClass("rs(4,2)", 5, List.of(new DurabilityReading.Survives("node", 2, 40, 1),
                                new DurabilityReading.Survives("rack", 0, 5, 3)), Optional.of(f))),
                        Optional.of(60.0), "MEASURED_RATE", "…", 39, 5, 4, 1, List.of(), Source.MODELED, NOW));
            }

            @Override
            public EventLog events() {
                return events;
            }
        };
        for (HudEvent.Type type : HudEvent.Type.values()) {
            events.append(new HudEvent.Draft(type, NOW, type == HudEvent.Type.DURABILITY ? Source.MODELED : Source.LIVE, type.wire() + " happened",
                    Map.of("n", 1, "who", "node-1", "list", List.of("a")), List.of("rack=r1")));
        }
        dataRef = data;
        api = new ApiRoutes(data, Clock.systemUTC());
        binding = Http.get(kit.system()).newServerAt("127.0.0.1", 0).bind(api.routes()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void unbind() {
        kit.shutdownTestKit();
    }

    @Test
    void everyEndpointLabelsEveryRecordWhetherItsFiguresAreThereOrNot() throws Exception {
        List<String> paths = List.of("/api/status", "/api/nodes?limit=1000", "/api/nodes/node-3", "/api/objects", "/api/objects/" + CID,
                "/api/repairs", "/api/durability", "/api/findings", "/api/events", "/api/topology", "/api/nodes?state=sleepy",
                "/api/nowhere");
        int records = 0;
        for (boolean few : List.of(false, true)) {
            sparse.set(few);
            for (String path : paths) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort()
                        + path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                records += walk(JsonTree.parse(r.body()), path + " (" + (few ? "figures missing" : "figures there") + ")", "$");
            }
        }
        assertTrue(records > 150, "walked " + records + " records: the test reads real answers, not empty ones");
    }

    @Test
    void everyWebsocketFrameAndEveryEventTypeIsLabelled() {
        EventStream stream = new EventStream(events, api::snapshot, kit.system().executionContext(), Clock.systemUTC(), 500, 50);
        TestSubscriber.Probe<String> client = stream.frames(Optional.empty(), e -> true).runWith(TestSink.probe(kit.system().classicSystem()),
                kit.system());
        client.request(1);
        walk(JsonTree.parse(client.expectNext(Duration.ofSeconds(10))), "the snapshot frame", "$");
        TestSubscriber.Probe<String> resumed = stream.frames(Optional.of(0L), e -> true).runWith(TestSink.probe(kit.system().classicSystem()),
                kit.system());
        resumed.request(1);
        String frame = resumed.expectNext(Duration.ofSeconds(10));
        walk(JsonTree.parse(frame), "an events frame", "$");
        Set<HudEvent.Type> seen = EnumSet.noneOf(HudEvent.Type.class);
        for (HudEvent.Type t : HudEvent.Type.values()) {
            if (frame.contains("\"type\":\"" + t.wire() + "\"")) {
                seen.add(t);
            }
        }
        assertEquals(EnumSet.allOf(HudEvent.Type.class), seen, frame);
        client.cancel();
        resumed.cancel();
    }

    @Test
    void everyPrometheusSeriesCarriesItsSourceAndNodesAreCountedPerDomainNotPerNode() throws Exception {
        sparse.set(false);
        try (HudMetrics metrics = HudMetrics.start(dataForMetrics(), "node-1", kit.system())) {
            String text = awaitMetrics(t -> t.contains("kwam_durability_nines{") && t.contains("kwam_repair_stripes{"));
            List<String> series = text.lines().filter(l -> l.startsWith("kwam_")).toList();
            assertTrue(series.size() > 10, text);
            for (String line : series) {
                assertTrue(line.contains("source=\"LIVE\"") || line.contains("source=\"MODELED\""), "a series without its source: " + line);
            }
            assertTrue(text.contains("kwam_nodes{node=\"node-1\",source=\"LIVE\",level=\"az\",domain=\"az0\",state=\"live\"}")
                    || text.lines().anyMatch(l -> l.startsWith("kwam_nodes{") && l.contains("domain=\"az0\"") && l.contains("state=\"live\"")), text);
            assertTrue(text.lines().noneMatch(l -> l.startsWith("kwam_nodes{") && l.contains("node-7")), "no series per node");
            assertTrue(text.lines().anyMatch(l -> l.startsWith("kwam_durability_nines{") && l.contains("figure=\"fleet\"")
                    && l.contains("source=\"MODELED\"") && l.endsWith(" 4.0")), text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("kwam_repair_rate_bytes_per_second{")), text);
            HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort()
                    + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"), scraped.headers().toString());

            sparse.set(true); // no rate, no figure, no target: their series go, none is drawn as 0
            awaitMetrics(t -> t.lines().noneMatch(l -> l.startsWith("kwam_repair_rate_bytes_per_second{"))
                    && t.lines().noneMatch(l -> l.startsWith("kwam_durability_nines{")) && t.contains("kwam_nodes{"));
        } finally {
            sparse.set(false);
        }
    }

    private HudData dataForMetrics() {
        return dataRef;
    }

    private String awaitMetrics(java.util.function.Predicate<String> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = HudMetrics.scrape().orElse("");
            if (ready.test(text)) {
                return text;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the metrics never showed what was awaited:\n" + text);
    }

    /** Checks {@code node} and everything under it; answers how many records it checked. */
    @SuppressWarnings("unchecked")
    private static int walk(Object node, String where, String path) {
        int records = 0;
        if (node instanceof Map<?, ?> map) {
            Object source = map.get("source");
            assertTrue(source instanceof String s && SOURCES.contains(s), where + ": the record at " + path + " has no source label: " + map);
            assertTrue(map.get("observed_at") instanceof String, where + ": the record at " + path + " has no observed_at: " + map);
            records++;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (VALUE_MAPS.contains(e.getKey()) && e.getValue() instanceof Map) {
                    continue;
                }
                if (CONTAINER.equals(e.getKey()) && e.getValue() instanceof Map<?, ?> inner) {
                    for (Map.Entry<?, ?> part : inner.entrySet()) {
                        records += walk(part.getValue(), where, path + "." + CONTAINER + "." + part.getKey());
                    }
                } else {
                    records += walk(e.getValue(), where, path + "." + e.getKey());
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                records += walk(list.get(i), where, path + "[" + i + "]");
            }
        }
        return records;
    }
}
