package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.node.client.GrpcFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kwam client …} run in-process against a real data port (mutual TLS, HTTP/2, gRPC) and a codec-backed node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandTest {
    @TempDir
    static Path root;

    private GrpcFixture fixture;
    private String node;
    private String pki;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    void start() throws Exception {
        fixture = GrpcFixture.start(root);
        node = "127.0.0.1:" + fixture.port;
        pki = fixture.clientPki.toString();
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Cid protect(byte[] bytes, String... extra) throws IOException {
        Path file = Files.write(Files.createDirectories(root.resolve("in")).resolve("f" + bytes.length + ".bin"), bytes);
        String[] args = Stream.concat(Stream.of("client", "protect", file.toString(), "--node", node, "--pki", pki), Stream.of(extra))
                .toArray(String[]::new);
        assertEquals(ExitCodes.OK, run(args), err.toString());
        return Cid.parse(out.toString().strip());
    }

    @Test
    void protectPrintsOnlyTheCidAndRecoverWritesTheSameBytes() throws Exception {
        byte[] original = random(1_500_000, 11);
        Path file = Files.write(Files.createDirectories(root.resolve("in")).resolve("model.bin"), original);
        assertEquals(ExitCodes.OK, run("client", "protect", file.toString(), "--node", node, "--pki", pki, "--data", "3", "--parity", "2"),
                err.toString());
        assertTrue(out.toString().matches("sha256:[0-9a-f]{64}\\R"), "exactly one cid line: [" + out + "]");
        Cid cid = Cid.parse(out.toString().strip());

        Path outDir = Files.createDirectories(root.resolve("out-ok"));
        Path recovered = outDir.resolve("model.copy");
        assertEquals(ExitCodes.OK, run("client", "recover", cid.toString(), "--node", node, "--pki", pki, "--out", recovered.toString()),
                err.toString());
        assertArrayEquals(original, Files.readAllBytes(recovered));
        assertTrue(out.toString().contains("(verified)"), out.toString());
        assertEquals(List.of(recovered), list(outDir));
    }

    @Test
    void recoverOfAnUnknownCidFailsAndLeavesNothing() throws Exception {
        Path outDir = Files.createDirectories(root.resolve("out-unknown"));
        int code = run("client", "recover", Cid.of(new byte[] {4, 2}).toString(), "--node", node, "--pki", pki, "--out",
                outDir.resolve("x").toString());
        assertEquals(ExitCodes.CHECK_FAILED, code);
        assertTrue(err.toString().startsWith("kwam client recover: cannot recover"), err.toString());
        assertTrue(err.toString().contains("NOT_FOUND"), err.toString());
        assertEquals(List.of(), list(outDir));
    }

    @Test
    void statJsonHasExactlyTheDocumentedShape() throws Exception {
        Cid cid = protect(random(700_000, 12), "--data", "4", "--parity", "2");
        assertEquals(ExitCodes.OK, run("client", "stat", cid.toString(), "--node", node, "--pki", pki, "--format", "json"), err.toString());
        assertEquals(1, out.toString().lines().count(), "one line of JSON");

        @SuppressWarnings("unchecked")
        Map<String, Object> stat = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals(List.of("cid", "size", "stripes"), List.copyOf(stat.keySet()));
        assertEquals(cid.toString(), stat.get("cid"));
        assertEquals(700_000L, stat.get("size"));
        List<?> stripes = (List<?>) stat.get("stripes");
        assertFalse(stripes.isEmpty());
        for (int i = 0; i < stripes.size(); i++) {
            Map<?, ?> stripe = (Map<?, ?>) stripes.get(i);
            assertEquals(List.of("index", "k", "m", "fragments"), List.copyOf(stripe.keySet()));
            assertEquals((long) i, stripe.get("index"));
            assertEquals(4L, stripe.get("k"));
            assertEquals(2L, stripe.get("m"));
            List<?> fragments = (List<?>) stripe.get("fragments");
            assertEquals(6, fragments.size());
            for (int f = 0; f < fragments.size(); f++) {
                Map<?, ?> fragment = (Map<?, ?>) fragments.get(f);
                assertEquals(List.of("index", "cid", "node", "state"), List.copyOf(fragment.keySet()));
                assertEquals((long) f, fragment.get("index"));
                assertTrue(Cid.isValid((String) fragment.get("cid")));
                assertEquals("node-a", fragment.get("node"));
                assertEquals("ok", fragment.get("state"));
            }
        }

        assertEquals(ExitCodes.OK, run("client", "stat", cid.toString(), "--node", node, "--pki", pki));
        assertTrue(out.toString().startsWith("object   " + cid), out.toString());
    }

    @Test
    void statusJsonNamesMembersWithDomainsAndReachability() throws Exception {
        assertEquals(ExitCodes.OK, run("client", "status", "--node", node, "--pki", pki, "--format", "json"), err.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals(List.of("self", "authorization", "consensus", "members"), List.copyOf(status.keySet()));
        assertEquals("none (no policy)", status.get("authorization"), "a node without a policy says so");
        Map<?, ?> member = (Map<?, ?>) ((List<?>) status.get("members")).get(0);
        assertEquals(List.of("node", "address", "status", "reachable", "domains", "dataEndpoint", "spiffeId", "mark"),
                List.copyOf(member.keySet()));
        assertEquals("", member.get("mark"), "in service: no mark");
        assertEquals(Boolean.TRUE, member.get("reachable"));
        assertEquals(Map.of("az", "eu-1a", "rack", "r1"), member.get("domains"));
        assertEquals(List.of("az", "rack"), List.copyOf(((Map<?, ?>) member.get("domains")).keySet()), "labels sorted");
    }

    @Test
    void badInputIsAClearUsageOrIoError() throws Exception {
        assertEquals(ExitCodes.USAGE_OR_IO, run("client", "stat", "sha256:nothex", "--node", node, "--pki", pki));
        assertTrue(err.toString().contains("is not a content id"), err.toString());

        assertEquals(ExitCodes.USAGE_OR_IO, run("client", "status", "--node", "localhost", "--pki", pki));
        assertTrue(err.toString().contains("HOST:PORT"), err.toString());

        assertEquals(ExitCodes.USAGE_OR_IO, run("client", "status", "--node", node, "--pki", root.resolve("missing").toString()));
        assertTrue(err.toString().contains("where: " + root.resolve("missing")), err.toString());
        assertTrue(err.toString().contains("fix:"), err.toString());

        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(ExitCodes.USAGE_OR_IO, run("client", "status", "--node", "127.0.0.1:" + closed, "--pki", pki));
        assertTrue(err.toString().contains("cannot connect"), err.toString());

        assertEquals(ExitCodes.USAGE_OR_IO, run("client", "status", "--node", node, "--pki", fixture.foreignPki("cli").toString()));
        assertTrue(err.toString().contains("our CA did not issue"), err.toString());

        Path file = Files.write(root.resolve("small.bin"), new byte[] {1});
        assertEquals(ExitCodes.USAGE_OR_IO, run("client", "protect", file.toString(), "--node", node, "--pki", pki, "--data", "0"));
        assertTrue(err.toString().contains("not a valid code"), err.toString());
        assertEquals("", out.toString(), "nothing on stdout on failure");
    }

    @Test
    void recoverIntoAMissingDirectoryIsRefusedBeforeConnecting() throws Exception {
        Cid cid = protect(random(1000, 13));
        assertEquals(ExitCodes.USAGE_OR_IO, run("client", "recover", cid.toString(), "--node", node, "--pki", pki, "--out",
                root.resolve("no-such-dir").resolve("x").toString()));
        assertTrue(err.toString().contains("mkdir -p"), err.toString());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void repairsListsThePlanItsProgressAndTheParkedStripesAsJson() {
        assertEquals(ExitCodes.OK, run("client", "repairs", "--node", node, "--pki", pki, "--format", "json"), err.toString());
        String json = out.toString().trim();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(json);
        assertEquals(7L, ((Number) report.get("repaired")).longValue(), json);
        assertEquals(123456L, ((Number) report.get("bytesMoved")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> limits = (Map<String, Object>) report.get("limits");
        assertEquals(4L, ((Number) limits.get("maxConcurrentStripes")).longValue());
        assertEquals(10L << 20, ((Number) limits.get("bytesPerSecond")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> stripe = ((List<Map<String, Object>>) report.get("stripes")).get(0);
        assertEquals("running", stripe.get("state"));
        assertEquals("fetched", stripe.get("step"));
        assertEquals("rs(4,2)", stripe.get("codec"));
        @SuppressWarnings("unchecked")
        Map<String, Object> loss = ((List<Map<String, Object>>) stripe.get("losses")).get(0);
        assertEquals("node-gone", loss.get("cause"));
        assertEquals("node-f", loss.get("node"));
        @SuppressWarnings("unchecked")
        Map<String, Object> target = ((List<Map<String, Object>>) stripe.get("targets")).get(0);
        assertEquals("node-g", target.get("node"));
        assertEquals(5L, ((Number) target.get("index")).longValue());
        assertEquals("", stripe.get("deferredUntil"));
        @SuppressWarnings("unchecked")
        Map<String, Object> waiting = ((List<Map<String, Object>>) report.get("stripes")).get(1);
        assertEquals("deferred", waiting.get("state"), "its node left less than repair.delay ago");
        assertEquals("2026-01-02T03:14:05Z", waiting.get("deferredUntil"));
        @SuppressWarnings("unchecked")
        Map<String, Object> parked = ((List<Map<String, Object>>) report.get("parked")).get(0);
        assertTrue(((String) parked.get("reason")).contains("poisoned"));

        assertEquals(ExitCodes.OK, run("client", "repairs", "--node", node, "--pki", pki), err.toString());
        assertTrue(out.toString().contains("running  spare  0") && out.toString().contains("5->node-g"), out.toString());
        assertTrue(out.toString().contains("deferred spare  1") && out.toString().contains("until 2026-01-02T03:14:05Z"),
                out.toString());
        assertTrue(out.toString().contains("rate     1500000 B/s restored, measured over 3 repair(s)"), out.toString());
    }

    // --- repair-budget ---------------------------------------------------------------------

    /** The client certificate GrpcFixture issues: the node records it as the setter. */
    private static final String CLIENT_SPIFFE_ID = "spiffe://kwam.test/acme/cl-1/az1/pod-1/client/kwamd";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.get(name);
    }

    @Test
    void repairBudgetWithoutOptionsPrintsTheBudgetInForceAndItsSource() {
        assertEquals(ExitCodes.OK, run("client", "repair-budget", "--node", node, "--pki", pki), err.toString());
        String text = out.toString();
        assertTrue(text.contains("budget      4 stripe(s) at once, 10 MiB/s (10485760 B/s)"), text);
        assertTrue(text.contains("source      policy"), text);
        assertFalse(text.contains("stored"), "nothing was changed, so nothing was stored: " + text);

        assertEquals(ExitCodes.OK, run("client", "repair-budget", "--node", node, "--pki", pki, "--format", "json"), err.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals(List.of("at", "limits", "budget"), List.copyOf(json.keySet()), out.toString());
        Map<String, Object> budget = object(json, "budget");
        assertEquals(List.of("source", "configuredFrom", "configured", "setBy", "setAt"), List.copyOf(budget.keySet()));
        assertEquals("policy", budget.get("source"));
        assertEquals("", budget.get("setBy"));
    }

    @Test
    void repairBudgetAppliesTheOptionsAndTheNodeRecordsThisCertificateAsTheSetter() throws IOException {
        Path auditLog = fixture.nodeData.resolve("audit").resolve("audit.log");
        int auditedBefore = Files.readAllLines(auditLog).size(); // the fixture is shared by this class's tests
        assertEquals(ExitCodes.OK, run("client", "repair-budget", "--node", node, "--pki", pki, "--max-concurrent", "2",
                "--bandwidth", "50MiB/s", "--format", "json"), err.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals(List.of("at", "limits", "budget", "replicated"), List.copyOf(json.keySet()), out.toString());
        assertEquals(2L, object(json, "limits").get("maxConcurrentStripes"));
        assertEquals(50L << 20, object(json, "limits").get("bytesPerSecond"));
        assertEquals(true, json.get("replicated"));
        Map<String, Object> budget = object(json, "budget");
        assertEquals(CLIENT_SPIFFE_ID, budget.get("setBy"), "the SPIFFE ID of the certificate the data port verified");
        assertTrue(((String) budget.get("source")).startsWith("override set by " + CLIENT_SPIFFE_ID + " at "), out.toString());
        assertEquals("policy", budget.get("configuredFrom"));
        assertEquals(4L, object(budget, "configured").get("maxConcurrentStripes"));

        // Units are binary as in the policy language: 200MB/s is 200 MiB per second; only the bandwidth changes.
        assertEquals(ExitCodes.OK, run("client", "repair-budget", "--node", node, "--pki", pki, "--bandwidth", "200MB/s"), err.toString());
        assertTrue(out.toString().contains("budget      4 stripe(s) at once, 200 MiB/s (209715200 B/s)"), out.toString());
        assertTrue(out.toString().contains("stored      on a majority of members"), out.toString());
        assertTrue(out.toString().contains("configured  4 stripe(s) at once, 10 MiB/s (10485760 B/s), from policy (--reset returns to it)"),
                out.toString());

        assertEquals(ExitCodes.OK, run("client", "repair-budget", "--node", node, "--pki", pki, "--bandwidth", "unlimited"), err.toString());
        assertTrue(out.toString().contains("4 stripe(s) at once, unlimited bandwidth"), out.toString());

        assertEquals(ExitCodes.OK, run("client", "repair-budget", "--node", node, "--pki", pki, "--reset"), err.toString());
        assertTrue(out.toString().contains("source      policy"), out.toString());

        // Each change was audited before it was applied, with the verified caller; reading the budget was not.
        List<String> all = Files.readAllLines(auditLog);
        List<String> audit = all.subList(auditedBefore, all.size());
        assertEquals(4, audit.size(), String.join("\n", all));
        for (String line : audit) {
            assertTrue(line.contains("\"kind\":\"gated-action\",\"actor\":\"" + CLIENT_SPIFFE_ID
                    + "\",\"action\":\"repair-budget.adjust\",\"resource\":\"cluster\",\"decision\":\"allowed\""), line);
        }
        assertTrue(audit.get(0).contains("\"reason\":\"max concurrent stripes 2, bandwidth 52428800 B/s; authorization: none (no policy)\""),
                audit.get(0));
        assertTrue(audit.get(3).contains("\"reason\":\"reset to the configured limits;"), audit.get(3));
        assertEquals(ExitCodes.OK, run("audit", "verify", "--data", fixture.nodeData.toString()), err.toString());
        int n = all.size();
        assertTrue(out.toString().contains("intact, " + n + " record(s), seq 1.." + n + ", head seq " + n), out.toString());
    }

    @Test
    void repairBudgetRefusesBadValuesBeforeCallingAndSaysHowToFixThem() {
        String[][] bad = {
            {"--max-concurrent", "0"}, {"--max-concurrent", "1025"}, {"--max-concurrent", "many"},
            {"--bandwidth", "0"}, {"--bandwidth", "fast"}, {"--bandwidth", "50MiB/h"}, {"--bandwidth", "-5mb/s"},
            {"--reset", "--max-concurrent", "2"}, {"--reset", "--bandwidth", "unlimited"}};
        String[] expected = {"it must be from 1 to 1024", "it must be from 1 to 1024", "'many' is not an int",
            "would stop repair altogether", "'fast' is not a bandwidth", "'50MiB/h' is not a bandwidth", "'-5mb/s' is not a bandwidth",
            "--reset cannot be combined with new limits", "--reset cannot be combined with new limits"};
        for (int i = 0; i < bad.length; i++) {
            String[] args = Stream.concat(Stream.of("client", "repair-budget", "--node", node, "--pki", pki), Stream.of(bad[i]))
                    .toArray(String[]::new);
            assertEquals(ExitCodes.USAGE_OR_IO, run(args), String.join(" ", bad[i]) + ": " + out);
            assertTrue(err.toString().contains(expected[i]), String.join(" ", bad[i]) + ": " + err);
            assertEquals("", out.toString(), "nothing on stdout for a refused call");
        }
        run("client", "repair-budget", "--node", node, "--pki", pki, "--max-concurrent", "0");
        assertTrue(err.toString().contains("fix:   pick a number from 1 to 1024"), err.toString());
    }

    @Test
    void repairsShowsWhereTheBudgetComesFrom() {
        assertEquals(ExitCodes.OK, run("client", "repairs", "--node", node, "--pki", pki), err.toString());
        assertTrue(out.toString().contains("budget   4 stripe(s) at once, 10485760 B/s; from policy"), out.toString());
        assertEquals(ExitCodes.OK, run("client", "repairs", "--node", node, "--pki", pki, "--format", "json"), err.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals("policy", object(json, "budget").get("source"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void durabilityReportsTheModeledFigureThePlacementAndTheRateAsLabelledJson() {
        assertEquals(ExitCodes.OK, run("client", "durability", "--node", node, "--pki", pki, "--format", "json"), err.toString());
        String text = out.toString();
        assertEquals(1, text.lines().count(), "one line of JSON");
        Map<String, Object> r = (Map<String, Object>) MiniJson.parse(text);
        assertEquals(List.of("label", "at", "levels", "levelsSource", "liveNodes", "stripes", "unresolvedStripes", "fullestNode",
                "repairRate", "mttr", "guard", "liveGuard", "exposure", "codecs", "fleet", "unavailable"), List.copyOf(r.keySet()));
        assertEquals("MODELED", r.get("label"));
        // The sample plan has stripes below full redundancy; the guard (6 nines, on_violation quarantine) is held to them.
        Map<String, Object> live = (Map<String, Object>) r.get("liveGuard");
        assertEquals("MODELED", live.get("source"));
        assertEquals("quarantine", live.get("onViolation"));
        assertTrue(live.get("reason").toString().startsWith("stripe "), String.valueOf(live));
        assertEquals(List.of("rack"), r.get("levels"));
        assertEquals(6L, r.get("liveNodes"));
        assertEquals(10L, r.get("stripes"));

        // The sample repairs measured 3 MB restored in 2 s: 1.5 MB/s; the fullest node holds 10 MB.
        Map<String, Object> rate = (Map<String, Object>) r.get("repairRate");
        assertEquals("LIVE", rate.get("source"));
        assertEquals(1_500_000.0, rate.get("bytesPerSecond"));
        Map<String, Object> mttr = (Map<String, Object>) r.get("mttr");
        assertEquals("MODELED", mttr.get("source"));
        assertEquals("MEASURED_RATE", mttr.get("basis"));
        assertEquals(20_000L + 6_666L, mttr.get("ms"), "20 s of detection + 10 MB at 1.5 MB/s, in whole ms");

        // Three fragments of every stripe in each of two racks: rs(4,2) tolerates two, so one rack down loses them.
        Map<String, Object> codec = ((List<Map<String, Object>>) r.get("codecs")).get(0);
        assertEquals("rs(4,2)", codec.get("codec"));
        Map<String, Object> level = ((List<Map<String, Object>>) codec.get("levels")).get(0);
        assertEquals(2L, level.get("liveDomains"));
        assertEquals(3L, level.get("mostFragments"));
        Map<String, Object> modeled = (Map<String, Object>) codec.get("modeled");
        assertEquals("MODELED", modeled.get("source"));
        assertEquals(false, modeled.get("meetsTarget"));
        assertTrue((Double) modeled.get("probability") > 1e-6, String.valueOf(modeled));
        Map<String, Object> fleet = (Map<String, Object>) r.get("fleet");
        assertEquals("rs(4,2)", fleet.get("worstCodec"));
        assertEquals(modeled.get("nines"), fleet.get("nines"));
        Map<String, Object> guard = (Map<String, Object>) r.get("guard");
        assertEquals(6L, guard.get("targetNines"));
        assertTrue((Long) guard.get("nines") >= 6, "the guard's own figure backs its target: " + guard);
        Map<String, Object> exposure = (Map<String, Object>) r.get("exposure");
        assertEquals(2L, exposure.get("belowFull"), "the sample plan: one stripe being repaired, one deferred");
        assertEquals(1_700_000_000_000L, exposure.get("oldestBelowFullSinceMs"));
        assertEquals(1L, exposure.get("parked"));

        assertEquals(ExitCodes.OK, run("client", "durability", "--node", node, "--pki", pki), err.toString());
        assertTrue(out.toString().startsWith("durability  " + modeled.get("nines") + " nines"), out.toString());
        assertTrue(out.toString().contains("DOES NOT MEET") && out.toString().contains("[MODELED]"), out.toString());
        assertTrue(out.toString().contains("node MTTR   26.7 s (MEASURED_RATE)"), out.toString());
    }
}
