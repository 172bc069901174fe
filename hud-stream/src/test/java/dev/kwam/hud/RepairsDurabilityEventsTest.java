package dev.kwam.hud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * /api/repairs, /api/durability and /api/events on a real HTTP server on loopback: the repair state told apart
 * (running, queued for the budget, stalled, waiting), an ETA with its spread, paging the plan by rank, the durability
 * headline with what each codec survives, events after an id with gaps said, and a label on every record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairsDurabilityEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final ActorTestKit kit = ActorTestKit.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<RepairsReading> repairs = new AtomicReference<>();
    private final AtomicReference<DurabilityReading> durability = new AtomicReference<>();
    private final EventLog events = new EventLog(20);
    private ServerBinding binding;

    @BeforeAll
    void bind() throws Exception {
        HudData data = new HudData() {
            @Override
            public CompletionStage<FleetReading> fleet() {
                return CompletableFuture.failedFuture(new IllegalStateException("not in this test"));
            }

            @Override
            public CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after) {
                return CompletableFuture.failedFuture(new IllegalStateException("not in this test"));
            }

            @Override
            public CompletionStage<ObjectsReading.One> object(String cid) {
                return CompletableFuture.failedFuture(new IllegalStateException("not in this test"));
            }

            @Override
            public CompletionStage<RepairsReading> repairs() {
                return CompletableFuture.completedFuture(repairs.get());
            }

            @Override
            public CompletionStage<DurabilityReading> durability() {
                return CompletableFuture.completedFuture(durability.get());
            }

            @Override
            public EventLog events() {
                return events;
            }
        };
        binding = Http.get(kit.system()).newServerAt("127.0.0.1", 0).bind(new ApiRoutes(data, Clock.systemUTC()).routes())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void unbind() {
        kit.shutdownTestKit();
    }

    private static RepairsReading.Planned planned(int i, boolean running, int spare, boolean placeable, Optional<Instant> deferred) {
        return planned(i, running, spare, placeable, deferred, NOW.minusSeconds(30));
    }

    private static RepairsReading.Planned planned(int i, boolean running, int spare, boolean placeable, Optional<Instant> deferred,
            Instant belowFullSince) {
        return new RepairsReading.Planned("sha256:" + String.format("%064x", i), "rs(4,2)", spare, 1,
                placeable ? List.of("node-" + i) : List.of(), placeable ? 0 : 1, running,
                running ? Optional.of("fetched") : Optional.empty(), running ? 1000 : 0, deferred, belowFullSince);
    }

    private static RepairsReading reading(List<RepairsReading.Planned> plan, int max, Optional<Instant> lastProgress,
            Optional<RepairsReading.Rate> rate) {
        return new RepairsReading(plan, max, 0, "from policy", rate, 7, 70_000, List.of(new RepairsReading.Parked(
                "sha256:" + "e".repeat(64), "poisoned: only 1 fragment(s) of rs(4,2) survive", NOW.minusSeconds(60))),
                new RepairTally.Counts(20, 1, 7, 2, NOW.minusSeconds(3600), lastProgress), Source.LIVE, NOW);
    }

    private static final Optional<RepairsReading.Rate> RATE = Optional.of(new RepairsReading.Rate(1e6, 16, 8.0, NOW.minusSeconds(100),
            NOW.minusSeconds(10)));

    @Test
    void theStateTellsRunningQueuedStalledAndWaitingApartAndTheEtaHasItsSpread() {
        Optional<Instant> fresh = Optional.of(NOW.minusSeconds(5));
        assertEquals("idle", RepairState.of(reading(List.of(), 4, fresh, RATE), RepairRoutes.STALL_AFTER).state());

        List<RepairsReading.Planned> plan = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plan.add(planned(i, i < 4, 1, true, Optional.empty()));
        }
        RepairState running = RepairState.of(reading(plan, 4, fresh, RATE), RepairRoutes.STALL_AFTER);
        assertEquals("running", running.state(), running.why());
        assertTrue(running.why().contains("6 queued for a budget slot"), running.why());
        // 10 due at 16 stripes / 8 s busy = 2 per second: 5 s, spread ±2/√16 = ±50 %.
        assertEquals(5.0, running.eta().orElseThrow().seconds(), 1e-9);
        assertEquals(2.5, running.eta().get().lowSeconds(), 1e-9);
        assertEquals(7.5, running.eta().get().highSeconds(), 1e-9);

        RepairState noRate = RepairState.of(reading(plan, 4, fresh, Optional.empty()), RepairRoutes.STALL_AFTER);
        assertEquals("running", noRate.state());
        assertTrue(noRate.eta().isEmpty() && noRate.etaUnavailable().contains("no repair has completed"), noRate.etaUnavailable());

        List<RepairsReading.Planned> longDue = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            longDue.add(planned(i, i < 4, 1, true, Optional.empty(), NOW.minusSeconds(900)));
        }
        RepairState recent = RepairState.of(reading(plan, 4, Optional.of(NOW.minusSeconds(600)), RATE), RepairRoutes.STALL_AFTER);
        assertEquals("running", recent.state(), "due for 30 s only: not stalled yet, however long ago the last step was");
        RepairState quiet = RepairState.of(reading(longDue, 4, Optional.of(NOW.minusSeconds(600)), RATE), RepairRoutes.STALL_AFTER);
        assertEquals("stalled", quiet.state());
        assertTrue(quiet.why().contains("no repair step for 600 s"), quiet.why());
        assertTrue(quiet.eta().isEmpty());

        RepairState nowhere = RepairState.of(reading(List.of(planned(1, false, 1, false, Optional.empty()),
                planned(2, false, -1, true, Optional.empty())), 4, fresh, RATE), RepairRoutes.STALL_AFTER);
        assertEquals("stalled", nowhere.state());
        assertTrue(nowhere.why().contains("1 with too few fragments") && nowhere.why().contains("1 with no live node"), nowhere.why());

        RepairState waiting = RepairState.of(reading(List.of(planned(1, false, 1, true, Optional.of(NOW.plusSeconds(50)))), 4, fresh,
                RATE), RepairRoutes.STALL_AFTER);
        assertEquals("waiting", waiting.state(), waiting.why());
    }

    @Test
    void repairsArePagedByRankFilteredAndEveryRecordLabelled() throws Exception {
        List<RepairsReading.Planned> plan = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plan.add(planned(i, i < 4, 1, true, Optional.empty()));
        }
        repairs.set(reading(plan, 4, Optional.of(NOW.minusSeconds(5)), RATE));

        HttpResponse<String> first = get("/api/repairs?limit=3");
        assertEquals(200, first.statusCode(), first.body());
        String b = first.body();
        assertTrue(b.startsWith("{\"state\":\"running\""), b);
        assertTrue(b.contains("\"eta\":{\"seconds\":5,\"low_seconds\":3,\"high_seconds\":8,"), b);
        assertTrue(b.contains("\"source\":\"MODELED\""), "the ETA is an estimate: " + b);
        assertTrue(b.contains("\"sha_gate\":{\"passed\":20,\"refused\":1,"), b);
        assertTrue(b.contains("\"budget\":{\"max_concurrent\":4,\"bytes_per_second\":0,\"from\":\"from policy\",\"in_use\":4,"), b);
        assertTrue(b.contains("\"total\":10,\"next\":\"3\""), b);
        // envelope, eta, budget, rate, sha_gate, totals, one parked, three planned
        assertEquals(10, count(b, "\"source\":\""), b);
        assertEquals(10, count(b, "\"observed_at\":\""), b);

        String last = get("/api/repairs?limit=3&after=9").body();
        assertTrue(last.contains("\"rank\":10,") && last.contains("\"next\":null"), last);
        String queued = get("/api/repairs?state=queued&limit=100").body();
        assertTrue(queued.contains("\"total\":6") && !queued.contains("\"state\":\"running\",\"spare\""), queued);

        for (String q : List.of("after=-1", "after=x", "state=sleeping", "limit=0", "colour=red")) {
            HttpResponse<String> bad = get("/api/repairs?" + q);
            assertEquals(400, bad.statusCode(), q + ": " + bad.body());
            assertTrue(bad.body().contains("\"fix\":"), bad.body());
        }

        repairs.set(reading(plan, 4, Optional.of(NOW.minusSeconds(5)), Optional.empty()));
        String noRate = get("/api/repairs").body();
        assertTrue(noRate.contains("\"rate\":{\"reason\":\"no repair has completed since the JHMM started\",\"source\":\"UNAVAILABLE\""),
                noRate);
    }

    @Test
    void durabilityShowsTheTargetTheFigureAndWhatEachCodecSurvives() throws Exception {
        DurabilityReading.Figure figure = new DurabilityReading.Figure("rs(4,2)", 6, 4.2e-7, true, "node");
        durability.set(new DurabilityReading(Optional.of(new DurabilityReading.Target("sla", 5, 6, "data")), Optional.of(figure),
                List.of(new DurabilityReading.CodecClass("rs(4,2)", 120, List.of(new DurabilityReading.Survives("node", 2, 12, 1),
                        new DurabilityReading.Survives("rack", 1, 6, 2), new DurabilityReading.Survives("az", 0, 2, 3)),
                        Optional.of(figure))),
                Optional.of(1800.0), "MEASURED_RATE", "detection 14 s + …", 12, 120, 0, 0, List.of(), Source.MODELED, NOW,
                Optional.of(holding())));
        String b = get("/api/durability").body();
        assertTrue(b.contains("\"live_guard\":{\"guard\":\"sla\",\"target_nines\":5,\"on_violation\":\"refuse\",\"breached\":false,"), b);
        assertTrue(b.contains("\"target\":{\"guard\":\"sla\",\"nines\":5,\"guards_own_nines\":6,"), b);
        assertTrue(b.contains("\"fleet\":{\"codec\":\"rs(4,2)\",\"nines\":6,"), b);
        assertTrue(b.contains("\"summary\":\"survives any 2 node, 1 rack, 0 az\""), b);
        assertTrue(count(b, "\"source\":\"") == count(b, "\"observed_at\":\"") && !b.contains("\"source\":\"UNAVAILABLE\""), b);

        durability.set(new DurabilityReading(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "UNAVAILABLE",
                "no rate, no guard", 3, 0, 0, 0, List.of("repair rate: UNAVAILABLE (no repair has completed)"), Source.MODELED, NOW));
        String none = get("/api/durability").body();
        assertTrue(none.contains("\"target\":{\"reason\":\"no guard") && none.contains("\"fleet\":{\"reason\":\"no codec has a figure"),
                none);
        assertTrue(none.contains("\"mttr\":{\"seconds\":null"), none);
    }

    @Test
    void eventsAfterAnIdWithGapsSaidAndTypesFiltered() throws Exception {
        long base = events.latest();
        for (int i = 1; i <= 25; i++) {
            events.append(new HudEvent.Draft(i % 2 == 0 ? HudEvent.Type.REPAIR : HudEvent.Type.MEMBERSHIP, NOW.plusSeconds(i),
                    Source.LIVE, "event " + i, Map.of("n", i, "nodes", List.of("a", "b")), List.of("rack=r1")));
        }
        String missed = get("/api/events?since=" + base).body(); // the log keeps 20: events base+6 … base+25
        assertTrue(missed.contains("\"gap\":true") && missed.contains("events " + (base + 1) + " to " + (base + 5)
                + " are no longer kept"), missed);
        assertEquals(20, count(missed, "\"summary\":"), missed);
        assertTrue(missed.contains("\"next\":" + (base + 25) + ",\"latest\":" + (base + 25)), missed);

        String last2 = get("/api/events?since=" + (base + 23)).body();
        assertEquals(2, count(last2, "\"summary\":"), last2);
        assertTrue(last2.contains("\"gap\":false") && last2.contains("\"n\":24") && last2.contains("\"nodes\":[\"a\",\"b\"]"), last2);

        String repairsOnly = get("/api/events?since=" + (base + 20) + "&type=repair&limit=1").body();
        assertTrue(repairsOnly.contains("\"summary\":\"event 22\"") && repairsOnly.contains("\"next\":" + (base + 22) + ","),
                repairsOnly);

        String ahead = get("/api/events?since=" + (base + 99)).body();
        assertTrue(ahead.contains("\"gap\":true") && ahead.contains("the node restarted"), ahead);
        assertFalse(get("/api/events?since=" + (base + 25)).body().contains("\"summary\":"));
        assertEquals(400, get("/api/events?since=-4").statusCode());
        assertEquals(400, get("/api/events?type=weather").statusCode());
    }

    @Test
    void findingsNameWhatIsWrongMostSevereFirstAndRaiseAndClearEvents() throws Exception {
        List<RepairsReading.Planned> plan = List.of(planned(1, true, 0, true, Optional.empty()), planned(2, false, 1, true, Optional.empty()));
        repairs.set(reading(plan, 4, Optional.of(NOW.minusSeconds(5)), RATE));
        DurabilityReading.Figure low = new DurabilityReading.Figure("rs(4,2)", 3, 4.2e-4, false, "node");
        durability.set(new DurabilityReading(Optional.of(new DurabilityReading.Target("sla", 5, 6, "data")), Optional.of(low),
                List.of(new DurabilityReading.CodecClass("rs(4,2)", 120, List.of(new DurabilityReading.Survives("node", 2, 12, 1),
                        new DurabilityReading.Survives("rack", 0, 3, 3)), Optional.of(low))),
                Optional.of(1800.0), "MEASURED_RATE", "…", 12, 120, 2, 1, List.of(), Source.MODELED, NOW));
        long before = events.latest();

        String b = get("/api/findings?limit=100").body();
        // The fleet cannot be read in this test: that is a finding, labelled UNAVAILABLE, not an empty list.
        assertTrue(b.contains("\"code\":\"KW-H000\"") && b.contains("\"title\":\"the fleet could not be read\""), b);
        assertTrue(b.indexOf("\"code\":\"KW-H001\"") < b.indexOf("\"code\":\"KW-H005\""), "critical before warning: " + b);
        assertTrue(b.contains("\"title\":\"2 stripe(s) below full redundancy\",\"detail\":\"1 of them can lose no further fragment;"), b);
        assertTrue(b.contains("\"code\":\"KW-H004\",\"severity\":\"critical\",\"title\":\"1 stripe(s) parked\""), b);
        assertTrue(b.contains("\"title\":\"rs(4,2) does not survive the loss of one rack\""), b);
        assertTrue(b.contains("\"since\":\"" + NOW.minusSeconds(30) + "\""), "below full since the plan says: " + b);
        assertTrue(b.contains("\"counts\":{\"critical\":3,\"warning\":3,\"info\":0}"), b);
        assertEquals(count(b, "\"code\":"), count(b, "\"source\":\"") - 1, "every finding labelled, and the envelope: " + b);
        String critical = get("/api/findings?severity=critical").body();
        assertTrue(critical.contains("\"total\":3") && !critical.contains("KW-H005"), critical);
        assertEquals(400, get("/api/findings?severity=bad").statusCode());

        String raised = get("/api/events?since=" + before + "&type=finding").body();
        assertEquals(6, count(raised, "\"change\":\"raised\""), raised);
        repairs.set(reading(List.of(), 4, Optional.of(NOW.minusSeconds(5)), RATE));
        String after = get("/api/findings").body();
        assertFalse(after.contains("KW-H002"), after);
        String cleared = get("/api/events?since=" + before + "&type=finding").body();
        assertTrue(cleared.contains("\"summary\":\"KW-H002 cleared: 2 stripe(s) below full redundancy\""), cleared);
    }

    private static DurabilityReading.Live holding() {
        return new DurabilityReading.Live("sla", 5, "refuse", false, 0, Optional.empty(), 6, "2 due stripe(s) at 3.00 s each",
                "no stripe is below full redundancy: nothing is exposed");
    }

    @Test
    void aBreachedGuardIsAFindingAndADurabilityEventUntilItHoldsAgain() throws Exception {
        DurabilityReading.Figure fine = new DurabilityReading.Figure("rs(4,2)", 6, 4.2e-7, true, "node");
        DurabilityReading.Live breached = new DurabilityReading.Live("sla", 5, "refuse", true, 3.4e-5, Optional.of("sha256:0a"), 6,
                "2 due stripe(s) at 3.00 s each", "stripe sha256:0a (rs(4,2), 0 to spare on 4 holder(s)) is lost before its repair "
                        + "with probability 3.40e-05 over 6.0 s: above the guard's budget of 1e-5");
        java.util.function.Function<DurabilityReading.Live, DurabilityReading> reading = live -> new DurabilityReading(
                Optional.of(new DurabilityReading.Target("sla", 5, 6, "data")), Optional.of(fine), List.of(), Optional.of(1800.0),
                "MEASURED_RATE", "…", 12, 120, 1, 0, List.of(), Source.MODELED, NOW, Optional.of(live));
        durability.set(reading.apply(breached));
        long before = events.latest();

        String b = get("/api/findings?severity=critical").body();
        assertTrue(b.contains("\"code\":\"KW-H010\",\"severity\":\"critical\",\"title\":\"guard breached now: on_violation refuse\""), b);
        assertTrue(b.contains("new protects are refused until the guard holds again"), b);
        assertTrue(b.contains("\"sha256:0a\""), "the worst stripe is named: " + b);
        String raised = get("/api/events?since=" + before + "&type=durability").body();
        assertTrue(raised.contains("\"change\":\"breached\",\"finding\":\"KW-H010\",\"figure\":\"live\""), raised);

        durability.set(reading.apply(holding()));
        assertFalse(get("/api/findings").body().contains("KW-H010"));
        String cleared = get("/api/events?since=" + before + "&type=durability").body();
        assertTrue(cleared.contains("\"summary\":\"durability cleared: guard breached now: on_violation refuse\""), cleared);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
