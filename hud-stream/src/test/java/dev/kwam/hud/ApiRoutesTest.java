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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST API on a real HTTP server on loopback, over a fleet of 250 nodes: pages that cover every node once in
 * name order, filters, the refusals of bad parameters, an unknown node, a fleet that cannot be read, and a label on
 * every record of every answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoutesTest {
    private static final Instant OBSERVED = Instant.parse("2026-12-07T12:00:00Z");
    private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"next\":(null|\"([^\"]+)\")");

    private static final List<ObjectRecord> OBJECTS = java.util.stream.IntStream.range(0, 250)
            .mapToObj(i -> dev.kwam.codec.Cid.of(("object " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
            .sorted().map(cid -> new ObjectRecord(cid, cid, 1000, 1)).toList();

    private final ActorTestKit kit = ActorTestKit.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<CompletableFuture<FleetReading>> reading = new AtomicReference<>();
    private ServerBinding binding;

    @BeforeAll
    void bind() throws Exception {
        reading.set(CompletableFuture.completedFuture(fleet(250)));
        HudData data = new HudData() {
            @Override
            public CompletionStage<FleetReading> fleet() {
                return reading.get();
            }

            @Override
            public CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after) {
                if (reading.get().isCompletedExceptionally()) {
                    return CompletableFuture.failedFuture(new IllegalStateException("census timed out"));
                }
                List<ObjectRecord> page = OBJECTS.stream().filter(o -> after.map(a -> o.cid().compareTo(a) > 0).orElse(true))
                        .limit(limit + 1L).toList();
                return CompletableFuture.completedFuture(new ObjectsReading.Page(page.subList(0, Math.min(limit, page.size())),
                        page.size() > limit, Source.LIVE, OBSERVED));
            }

            @Override
            public CompletionStage<ObjectsReading.One> object(String cid) {
                Optional<ObjectDetail> detail = OBJECTS.stream().filter(o -> o.cid().equals(cid)).findFirst().map(o -> new ObjectDetail(o,
                        List.of(new ObjectDetail.Stripe(0, o.contentCid(), 2, 1, List.of(new ObjectDetail.Fragment(0, o.cid(), "node-0001", "ok"),
                                new ObjectDetail.Fragment(1, o.cid(), "node-0002", "missing"),
                                new ObjectDetail.Fragment(2, o.cid(), "node-0003", "ok"))))));
                return CompletableFuture.completedFuture(new ObjectsReading.One(detail, Source.LIVE, OBSERVED));
            }

            @Override
            public CompletionStage<RepairsReading> repairs() {
                return CompletableFuture.failedFuture(new IllegalStateException("not in this test"));
            }

            @Override
            public CompletionStage<DurabilityReading> durability() {
                return CompletableFuture.failedFuture(new IllegalStateException("not in this test"));
            }

            @Override
            public EventLog events() {
                return new EventLog(1);
            }
        };
        binding = Http.get(kit.system()).newServerAt("127.0.0.1", 0).bind(new ApiRoutes(data, Clock.systemUTC()).routes())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void unbind() {
        kit.shutdownTestKit();
    }

    private static FleetReading fleet(int count) {
        List<NodeRecord> nodes = new ArrayList<>();
        for (int i = count; i >= 1; i--) { // unsorted on purpose: the API sorts
            String name = String.format("node-%04d", i);
            boolean reachable = i % 50 != 0;
            String mark = i == 7 ? "cordoned" : i == 8 ? "draining" : "";
            nodes.add(new NodeRecord(name, "up", reachable, Map.of("rack", "r" + (i % 10), "az", "az" + (i % 3)), mark,
                    "127.0.0.1:" + (20000 + i), "spiffe://kwam.test/acme/cl-1/az1/pod-1/" + name + "/kwamd"));
        }
        return new FleetReading("node-0001", nodes, "none (no policy)", "voter of 1 voter(s)", Source.LIVE, OBSERVED);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every record carries its label: one source and one observed_at per record, plus the envelope's. */
    private static void assertLabelled(String body, int records) {
        assertEquals(records, count(body, "\"source\":\""), body);
        assertEquals(records, count(body, "\"observed_at\":\""), body);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void statusCountsTheFleetAndSaysWhereItComesFrom() throws Exception {
        HttpResponse<String> r = get("/api/status");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"total\":250,\"live\":245,\"unreachable\":5"), r.body());
        assertTrue(r.body().contains("\"marked\":{\"cordoned\":1,\"draining\":1}"), r.body());
        assertTrue(r.body().contains("\"source\":\"LIVE\",\"observed_at\":\"2026-12-07T12:00:00Z\""), r.body());
        assertLabelled(r.body(), 1);
    }

    @Test
    void cursorPagesCoverEveryNodeOnceInNameOrder() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> r = get("/api/nodes?limit=100" + (cursor == null ? "" : "&after=" + cursor));
            assertEquals(200, r.statusCode(), r.body());
            Matcher names = NAME.matcher(r.body());
            int onPage = 0;
            while (names.find()) {
                assertTrue(seen.add(names.group(1)), "seen twice: " + names.group(1));
                onPage++;
            }
            assertLabelled(r.body(), onPage + 1);
            assertTrue(r.body().contains("\"total\":250"), r.body());
            Matcher next = NEXT.matcher(r.body());
            assertTrue(next.find(), r.body());
            cursor = next.group(2);
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(250, seen.size());
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, new ArrayList<>(seen));
    }

    @Test
    void filtersByDomainStateAndLabel() throws Exception {
        HttpResponse<String> rack = get("/api/nodes?domain=rack=r3&domain=az=az0&limit=1000");
        assertTrue(rack.body().contains("\"total\":9"), rack.body()); // i % 10 == 3 and i % 3 == 0: 3, 33, 63, …, 243
        HttpResponse<String> unreachable = get("/api/nodes?state=unreachable");
        assertTrue(unreachable.body().contains("\"total\":5"), unreachable.body());
        HttpResponse<String> draining = get("/api/nodes?state=draining");
        assertTrue(draining.body().contains("\"name\":\"node-0008\"") && draining.body().contains("\"total\":1"), draining.body());
        HttpResponse<String> modeled = get("/api/nodes?label=MODELED");
        assertTrue(modeled.body().contains("\"items\":[]") && modeled.body().contains("\"total\":0"), modeled.body());
    }

    @Test
    void topologyCountsEveryDomainByStateAndThePageIsServedFromTheJar() throws Exception {
        HttpResponse<String> r = get("/api/topology");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"levels\":[\"az\",\"rack\"],\"tree\":{\"name\":\"fleet\",\"nodes\":250,"
                + "\"counts\":{\"cordoned\":1,\"draining\":1,\"live\":243,\"unreachable\":5}"), r.body().substring(0, 200));
        // rack r0 of az2 (i % 3 == 2, i % 10 == 0): 20, 50, 80, …, 230, eight nodes, 50 and 200 unreachable
        assertTrue(r.body().contains("{\"name\":\"rack=r0\",\"nodes\":8,\"counts\":{\"live\":6,\"unreachable\":2},"
                + "\"source\":\"LIVE\",\"observed_at\":\"2026-12-07T12:00:00Z\"}"), r.body());
        assertLabelled(r.body(), 1 + 1 + 3 + 30); // the envelope, the fleet, 3 azs, 30 racks (every az has all ten)

        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<canvas id=\"map\"") && page.body().contains("/hud/hud.js"), page.body());
        assertEquals(200, get("/hud/hud.js").statusCode());
        assertEquals(200, get("/hud/hud.css").statusCode());
        assertEquals(404, get("/hud/nothing.js").statusCode());
    }

    @Test
    void badParametersAreRefusedSayingWhatAndHowToFix() throws Exception {
        for (String q : List.of("limit=0", "limit=abc", "limit=1001", "domain=rack", "state=sleepy", "label=GREEN", "colour=red",
                "limit=5&limit=6")) {
            HttpResponse<String> r = get("/api/nodes?" + q);
            assertEquals(400, r.statusCode(), q + ": " + r.body());
            assertTrue(r.body().contains("\"error\":") && r.body().contains("\"fix\":"), r.body());
            assertTrue(r.body().contains("\"source\":\"UNAVAILABLE\""), r.body());
        }
    }

    @Test
    void oneNodeByNameAndAnUnknownOne() throws Exception {
        HttpResponse<String> r = get("/api/nodes/node-0050");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"state\":\"unreachable\"") && r.body().contains("\"rack\":\"r0\""), r.body());
        assertLabelled(r.body(), 1);
        HttpResponse<String> unknown = get("/api/nodes/node-9999");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("no node named 'node-9999'"), unknown.body());
        assertEquals(404, get("/api/nope").statusCode());
    }

    @Test
    void objectPagesCoverEveryObjectOnceAndOneObjectShowsEachFragmentLabelled() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        String cursor = null;
        do {
            HttpResponse<String> r = get("/api/objects?limit=100" + (cursor == null ? "" : "&after=" + cursor));
            assertEquals(200, r.statusCode(), r.body());
            Matcher cids = Pattern.compile("\"cid\":\"(sha256:[0-9a-f]{64})\"").matcher(r.body());
            int onPage = 0;
            while (cids.find()) {
                assertTrue(seen.add(cids.group(1)), "seen twice: " + cids.group(1));
                onPage++;
            }
            assertLabelled(r.body(), onPage + 1);
            Matcher next = NEXT.matcher(r.body());
            assertTrue(next.find(), r.body());
            cursor = next.group(2);
        } while (cursor != null);
        assertEquals(250, seen.size());

        String cid = OBJECTS.get(7).cid();
        HttpResponse<String> one = get("/api/objects/" + cid);
        assertEquals(200, one.statusCode(), one.body());
        assertTrue(one.body().contains("\"node\":\"node-0002\",\"state\":\"missing\""), one.body());
        assertLabelled(one.body(), 1 + 1 + 3); // the object, its stripe, its three fragments
        assertEquals(1, count(one.body(), "\"stripes\":"), "one key per name: " + one.body());
        assertTrue(one.body().contains("\"stripe_count\":1"), one.body());
        assertEquals(404, get("/api/objects/" + dev.kwam.codec.Cid.of(new byte[] {1})).statusCode());
        assertEquals(400, get("/api/objects/not-a-cid").statusCode());
        for (String q : List.of("domain=rack=r1", "state=ok", "after=nope", "limit=0")) {
            HttpResponse<String> r = get("/api/objects?" + q);
            assertEquals(400, r.statusCode(), q + ": " + r.body());
            assertTrue(r.body().contains("\"fix\":"), r.body());
        }
    }

    @Test
    void aFleetThatCannotBeReadIsUnavailableNeverEmpty() throws Exception {
        CompletableFuture<FleetReading> before = reading.get();
        try {
            reading.set(CompletableFuture.failedFuture(new IllegalStateException("cluster status timed out")));
            for (String path : List.of("/api/status", "/api/nodes", "/api/nodes/node-0001", "/api/objects")) {
                HttpResponse<String> r = get(path);
                assertEquals(503, r.statusCode(), r.body());
                assertTrue((r.body().contains("cluster status timed out") || r.body().contains("census timed out"))
                        && r.body().contains("\"source\":\"UNAVAILABLE\""),
                        r.body());
                assertTrue(!r.body().contains("\"items\""), "never an empty list: " + r.body());
            }
        } finally {
            reading.set(before);
        }
    }
}
