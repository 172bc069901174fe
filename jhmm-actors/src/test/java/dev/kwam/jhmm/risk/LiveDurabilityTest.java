package dev.kwam.jhmm.risk;

import static dev.kwam.jhmm.risk.FleetRiskSamples.DETECTION;
import static dev.kwam.jhmm.risk.FleetRiskSamples.DOMAIN_MTBF;
import static dev.kwam.jhmm.risk.FleetRiskSamples.FRAGMENT_BYTES;
import static dev.kwam.jhmm.risk.FleetRiskSamples.NODE_MTBF;
import static dev.kwam.jhmm.risk.FleetRiskSamples.RECOVERY;
import static dev.kwam.jhmm.risk.FleetRiskSamples.RS_4_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityInputs;
import dev.kwam.codec.durability.DurabilityModel;
import dev.kwam.codec.durability.FaultDomainLevel;
import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.jhmm.LossCause;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairThroughput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The live estimate is codec's durability model fed with live inputs: where the live inputs equal the
 * guard's, it is the guard's figure to the last bit; where the placement is crowded or the repair slow, it
 * is exactly what the model gives for that placement and that MTTR — fewer nines.
 */
class LiveDurabilityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static FleetRisk.CodecRisk only(FleetRisk risk) {
        assertEquals(1, risk.codecs().size(), String.valueOf(risk.codecs()));
        return risk.codecs().get(0);
    }

    private static DurabilityEstimate modeled(FleetRisk risk) {
        return only(risk).modeled().orElseThrow(() -> new AssertionError("no modeled figure: " + only(risk).unavailable())).perStripe();
    }

    private static DurabilityEstimate direct(Duration mttr, int perRack, int perAz) {
        return DurabilityModel.annualLossProbability(RS_4_2, DurabilityInputs.of(NODE_MTBF, mttr, List.of(
                new FaultDomainLevel("rack", DOMAIN_MTBF, RECOVERY, perRack), new FaultDomainLevel("az", DOMAIN_MTBF, RECOVERY, perAz))));
    }

    @Test
    void oneFragmentPerDomainAndTheGuardsMttrGiveExactlyTheGuardsFigure() {
        GuardTarget guard = FleetRiskSamples.guard();
        FleetRisk risk = LiveDurability.assess(FleetRiskSamples.inputs(Optional.empty(), NOW));

        assertEquals(guard.estimate(), modeled(risk), "no repair measured: the guard's mttr_restore, the guard's figure");
        assertEquals(FleetRisk.MttrSource.GUARD_MTTR_RESTORE, risk.mttr().source());
        assertEquals(Optional.of(Duration.ofMinutes(30)), risk.mttr().value());
        assertTrue(risk.unavailable().stream().anyMatch(u -> u.startsWith("repair rate: UNAVAILABLE")), String.valueOf(risk.unavailable()));
        assertTrue(only(risk).modeled().get().meetsTarget());
        assertEquals(FleetRisk.MODELED, risk.label());
        assertEquals(List.of(new FleetRisk.LevelPlacement("rack", 8, 0, 1, 1), new FleetRisk.LevelPlacement("az", 8, 0, 1, 1)),
                only(risk).levels());
        assertEquals(1, only(risk).mostOnOneNode());
        assertEquals(8, only(risk).stripes());
        assertEquals(8, risk.liveNodes());
    }

    @Test
    void aMeasuredRateThatRestoresTheFullestNodeInMttrRestoreGivesExactlyTheGuardsFigure() {
        // 6 fragments × 890 MB on the fullest node ÷ 3 MB/s = 1780 s, + 20 s of detection = 30 min = mttr_restore.
        FleetRisk risk = LiveDurability.assess(FleetRiskSamples.inputs(Optional.of(FleetRiskSamples.threeMegabytesPerSecond(NOW)), NOW));

        assertEquals(FleetRisk.MttrSource.MEASURED_RATE, risk.mttr().source());
        assertEquals(Optional.of(Duration.ofMinutes(30)), risk.mttr().value(), risk.mttr().explanation());
        assertEquals(6 * FRAGMENT_BYTES, risk.fullestNode().orElseThrow().bytes());
        assertEquals(6, risk.fullestNode().get().fragments());
        assertEquals(FleetRiskSamples.guard().estimate(), modeled(risk));
        assertTrue(risk.mttr().explanation().contains("measured over 4 repair(s)"), risk.mttr().explanation());
    }

    @Test
    void twoFragmentsOfAStripeInOneRackCostExactlyWhatTheModelSaysForThatPlacement() {
        // node-2 moves into node-1's rack (and zone: a rack sits in one zone), so the stripes holding both have
        // two fragments in one rack and one zone.
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>(FleetRiskSamples.nodes());
        nodes.put("node-2", Map.of("rack", "r1", "az", "a1"));
        RiskInputs in = new RiskInputs(FleetRiskSamples.stripes(), nodes, FleetRiskSamples.LEVELS, "test",
                Optional.of(FleetRiskSamples.guard()), Optional.empty(), DETECTION, new RepairPlan(List.of()), 0, NOW);
        FleetRisk risk = LiveDurability.assess(in);

        assertEquals(List.of(new FleetRisk.LevelPlacement("rack", 7, 0, 2, 2), new FleetRisk.LevelPlacement("az", 7, 0, 2, 2)),
                only(risk).levels());
        DurabilityEstimate expected = direct(Duration.ofMinutes(30), 2, 2);
        assertEquals(expected, modeled(risk));
        DurabilityEstimate guard = FleetRiskSamples.guard().estimate();
        assertTrue(expected.nines() < guard.nines(), "crowded: " + expected.nines() + " nines vs the guard's " + guard.nines());
        assertEquals(guard.nines() - expected.nines(), guard.nines() - modeled(risk).nines());
        assertEquals("correlated", only(risk).modeled().get().dominantTerm());
        assertFalse(only(risk).modeled().get().meetsTarget());
        assertEquals("rs(4,2)", risk.fleet().orElseThrow().worstCodec());
    }

    @Test
    void aSlowRepairRateLengthensTheMttrAndCostsExactlyWhatTheModelSaysForIt() {
        // 30 kB/s: the fullest node's 5.34 GB take 178,000 s; with 20 s of detection the MTTR is 178,020 s (49.45 h).
        RepairThroughput slow = new RepairThroughput(30_000, 90_000, Duration.ofSeconds(1), 2, NOW.minusSeconds(10), NOW.minusSeconds(9));
        FleetRisk risk = LiveDurability.assess(FleetRiskSamples.inputs(Optional.of(slow), NOW));

        assertEquals(Optional.of(Duration.ofSeconds(178_020)), risk.mttr().value(), risk.mttr().explanation());
        DurabilityEstimate expected = direct(Duration.ofSeconds(178_020), 1, 1);
        assertEquals(expected, modeled(risk));
        assertTrue(expected.nines() < FleetRiskSamples.guard().estimate().nines(),
                "slow repair: " + expected.nines() + " nines vs the guard's " + FleetRiskSamples.guard().estimate().nines());
        assertFalse(only(risk).modeled().get().meetsTarget());
    }

    @Test
    void withoutAGuardThePlacementIsReportedAndNoFigureIsInvented() {
        RiskInputs in = new RiskInputs(FleetRiskSamples.stripes(), FleetRiskSamples.nodes(), List.of("rack"), "kwam.node.placement.anti-affinity",
                Optional.empty(), Optional.empty(), DETECTION, new RepairPlan(List.of()), 0, NOW);
        FleetRisk risk = LiveDurability.assess(in);

        assertTrue(only(risk).modeled().isEmpty());
        assertTrue(only(risk).unavailable().startsWith("UNAVAILABLE"), only(risk).unavailable());
        assertTrue(risk.fleet().isEmpty());
        assertTrue(risk.guard().isEmpty());
        assertEquals(FleetRisk.MttrSource.UNAVAILABLE, risk.mttr().source());
        assertTrue(risk.mttr().value().isEmpty());
        assertTrue(risk.unavailable().stream().anyMatch(u -> u.startsWith("durability target")), String.valueOf(risk.unavailable()));
        assertEquals(List.of("rack"), risk.levels());
        assertEquals("kwam.node.placement.anti-affinity", risk.levelsSource());
        assertEquals(List.of(new FleetRisk.LevelPlacement("rack", 8, 0, 1, 1)), only(risk).levels());
        assertEquals(8, risk.stripes());
    }

    @Test
    void aMeasuredRateWithoutAGuardGivesAnMttrButStillNoFigure() {
        RiskInputs in = new RiskInputs(FleetRiskSamples.stripes(), FleetRiskSamples.nodes(), List.of("rack"), "derived",
                Optional.empty(), Optional.of(FleetRiskSamples.threeMegabytesPerSecond(NOW)), DETECTION, new RepairPlan(List.of()), 0, NOW);
        FleetRisk risk = LiveDurability.assess(in);
        assertEquals(Optional.of(Duration.ofMinutes(30)), risk.mttr().value());
        assertTrue(only(risk).modeled().isEmpty());
    }

    @Test
    void theExposureCountsTheStripesBelowFullRedundancyBySpareAndFindsTheOldest() {
        long now = NOW.toEpochMilli();
        List<RepairPlan.StripePlan> plans = new ArrayList<>();
        int[] spares = {0, 1, 1, -1};
        long[] since = {now - 1000, now - 90_000, now - 5000, now - 20_000};
        for (int i = 0; i < spares.length; i++) {
            plans.add(new RepairPlan.StripePlan(Cid.of(new byte[] {(byte) (40 + i)}), Cid.of(new byte[] {1}), i, "rs(4,2)", List.of(),
                    List.of(new RepairPlan.Loss(0, Cid.of(new byte[] {2}), "node-9", LossCause.NODE_GONE)), List.of(), List.of(0),
                    List.of(), spares[i], since[i]));
        }
        RiskInputs in = new RiskInputs(FleetRiskSamples.stripes(), FleetRiskSamples.nodes(), FleetRiskSamples.LEVELS, "test",
                Optional.of(FleetRiskSamples.guard()), Optional.empty(), DETECTION, new RepairPlan(plans), 2, NOW);
        FleetRisk.Exposure e = LiveDurability.assess(in).exposure();

        assertEquals(4, e.belowFull());
        assertEquals(List.of(new FleetRisk.SpareCount(-1, 1), new FleetRisk.SpareCount(0, 1), new FleetRisk.SpareCount(1, 2)), e.bySpare());
        assertEquals(Optional.of(now - 90_000), e.oldestSince());
        assertEquals(Optional.of(Duration.ofSeconds(90)), e.oldestFor());
        assertEquals(2, e.parked());
    }

    @Test
    void stripesWithoutAManifestAndNodesWithoutALabelAreReportedNotGuessed() {
        List<LiveStripe> stripes = new ArrayList<>(FleetRiskSamples.stripes());
        stripes.add(new LiveStripe(Cid.of(new byte[] {99}), Optional.empty(), List.of("node-1", "node-2")));
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>(FleetRiskSamples.nodes());
        nodes.put("node-7", Map.of("rack", "r7"));
        nodes.put("node-8", Map.of("rack", "r8"));
        RiskInputs in = new RiskInputs(stripes, nodes, FleetRiskSamples.LEVELS, "test", Optional.of(FleetRiskSamples.guard()),
                Optional.empty(), DETECTION, new RepairPlan(List.of()), 0, NOW);
        FleetRisk risk = LiveDurability.assess(in);

        assertEquals(9, risk.stripes());
        assertEquals(1, risk.unresolved());
        assertEquals(7, risk.fullestNode().orElseThrow().fragments(), "the unresolved stripe's fragment counts on node-1");
        assertEquals(6 * FRAGMENT_BYTES, risk.fullestNode().get().bytes(), "but not its bytes");
        // node-7 and node-8 lack a zone: one unknown zone holding both, so a stripe on both has two fragments in it.
        assertEquals(new FleetRisk.LevelPlacement("az", 7, 2, 2, 2), only(risk).levels().get(1));
        assertTrue(risk.unavailable().stream().anyMatch(u -> u.contains("'az' label of 2 live node(s) node-7, node-8")),
                String.valueOf(risk.unavailable()));
        assertTrue(risk.unavailable().stream().anyMatch(u -> u.startsWith("codec and fragment size of 1 stripe(s)")));
        assertEquals(direct(Duration.ofMinutes(30), 1, 2), modeled(risk));
    }

    @Test
    void anMttrTheModelRefusesLeavesTheFigureUnavailableWithTheModelsReason() {
        // 1 byte/s: the fullest node takes 168 years, longer than the node MTBF.
        RepairThroughput crawl = new RepairThroughput(1, 1, Duration.ofSeconds(1), 1, NOW.minusSeconds(2), NOW.minusSeconds(1));
        FleetRisk risk = LiveDurability.assess(FleetRiskSamples.inputs(Optional.of(crawl), NOW));
        assertTrue(only(risk).modeled().isEmpty());
        assertTrue(only(risk).unavailable().contains("is not shorter than its MTBF"), only(risk).unavailable());
        assertTrue(risk.fleet().isEmpty());
    }

    @Test
    void theFleetIsItsWeakestCodecAndAnyStripeLostCountsEveryStripe() {
        List<LiveStripe> stripes = new ArrayList<>(FleetRiskSamples.stripes());
        dev.kwam.codec.CodecSpec rs21 = new dev.kwam.codec.CodecSpec.ReedSolomonSpec(2, 1);
        stripes.add(new LiveStripe(Cid.of(new byte[] {77}), Optional.of(new LiveStripe.Shape(rs21, 1000)),
                List.of("node-1", "node-3", "node-5")));
        RiskInputs in = new RiskInputs(stripes, FleetRiskSamples.nodes(), FleetRiskSamples.LEVELS, "test",
                Optional.of(FleetRiskSamples.guard()), Optional.empty(), DETECTION, new RepairPlan(List.of()), 0, NOW);
        FleetRisk risk = LiveDurability.assess(in);

        assertEquals(List.of("rs(2,1)", "rs(4,2)"), risk.codecs().stream().map(FleetRisk.CodecRisk::codec).toList());
        FleetRisk.FleetFigure fleet = risk.fleet().orElseThrow();
        assertEquals("rs(2,1)", fleet.worstCodec(), "rs(2,1) tolerates one loss, rs(4,2) two");
        double rs42All = DurabilityModel.annualLossProbability(RS_4_2, DurabilityInputs.of(NODE_MTBF, Duration.ofMinutes(30), List.of(
                FaultDomainLevel.antiAffine("rack", DOMAIN_MTBF, RECOVERY), FaultDomainLevel.antiAffine("az", DOMAIN_MTBF, RECOVERY)))
                .withStripesPerObject(8)).probability();
        assertEquals(rs42All, risk.codecs().get(1).modeled().get().anyStripeLost());
        double rs21One = risk.codecs().get(0).modeled().get().anyStripeLost();
        assertEquals(1 - (1 - rs42All) * (1 - rs21One), fleet.anyStripeLost(), 1e-15);
    }

    @Test
    void anLrcAndAReedSolomonStripeWithTheSameKAndMAreToldApartByTheirManifests() {
        // The census records k=4, m=3 for both; only the manifest says one is lrc(4,2,1), which tolerates any 2
        // losses, and the other rs(4,3), which tolerates any 3.
        dev.kwam.codec.CodecSpec lrc = new dev.kwam.codec.CodecSpec.LrcSpec(4, 2, 1);
        dev.kwam.codec.CodecSpec rs43 = new dev.kwam.codec.CodecSpec.ReedSolomonSpec(4, 3);
        List<String> seven = List.of("node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7");
        List<LiveStripe> stripes = List.of(
                new LiveStripe(Cid.of(new byte[] {1}), Optional.of(new LiveStripe.Shape(lrc, 1000)), seven),
                new LiveStripe(Cid.of(new byte[] {2}), Optional.of(new LiveStripe.Shape(rs43, 1000)), seven));
        RiskInputs in = new RiskInputs(stripes, FleetRiskSamples.nodes(), FleetRiskSamples.LEVELS, "test",
                Optional.of(FleetRiskSamples.guard()), Optional.empty(), DETECTION, new RepairPlan(List.of()), 0, NOW);
        FleetRisk risk = LiveDurability.assess(in);

        assertEquals(List.of("lrc(4,2,1)", "rs(4,3)"), risk.codecs().stream().map(FleetRisk.CodecRisk::codec).toList());
        List<FaultDomainLevel> spread = List.of(FaultDomainLevel.antiAffine("rack", DOMAIN_MTBF, RECOVERY),
                FaultDomainLevel.antiAffine("az", DOMAIN_MTBF, RECOVERY));
        assertEquals(DurabilityModel.annualLossProbability(lrc, DurabilityInputs.of(NODE_MTBF, Duration.ofMinutes(30), spread)),
                risk.codecs().get(0).modeled().orElseThrow().perStripe());
        assertEquals(DurabilityModel.annualLossProbability(rs43, DurabilityInputs.of(NODE_MTBF, Duration.ofMinutes(30), spread)),
                risk.codecs().get(1).modeled().orElseThrow().perStripe());
        assertEquals("lrc(4,2,1)", risk.fleet().orElseThrow().worstCodec());
    }

    @Test
    void aGuardCompiledFromAPolicyCarriesItsInputsAndKwamChecksFigure() {
        String policy = """
                apiVersion "kwam.dev/v0.2"
                import "std/faultdomains" as fd
                use fd.h100
                profile dc {
                  hardware "h100"
                }
                replicate data {
                  factor 3
                  anti_affinity [rack, spine]
                  codec {
                    scheme rs
                    data 4
                    parity 2
                  }
                }
                guard sla {
                  durability 5nines
                  mttr_restore 30m
                  recovery_time 6h
                  integrity sha256
                  node_mtbf 35000h
                  domain_mtbf 500000h
                }
                guard looser {
                  durability 3nines
                  mttr_restore 1h
                  recovery_time 6h
                  integrity sha256
                  node_mtbf 35000h
                  domain_mtbf 500000h
                }
                """;
        CompileResult compiled = PolicyCompiler.compile("p.kwam", policy.getBytes(StandardCharsets.UTF_8), CompileOptions.standard());
        assertTrue(compiled.policy().isPresent(), String.valueOf(compiled.diagnostics()));
        GuardTarget g = GuardTarget.strictest(compiled.policy().get().guards()).orElseThrow();

        assertEquals("sla", g.guard());
        assertEquals(5, g.targetNines());
        assertEquals(List.of("rack", "spine"), g.levels());
        assertEquals(RS_4_2, g.codec());
        assertEquals(Duration.ofMinutes(30), g.mttrRestore());
        assertEquals(compiled.policy().get().guards().get(0).math().estimate(), g.estimate());
        // The h100 shape has 1024 racks and 32 spines: one fragment per domain, so a live fleet spread as well
        // and repairing in mttr_restore is modeled at exactly kwam check's figure.
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        FleetRiskSamples.nodes().forEach((n, labels) -> nodes.put(n, Map.of("rack", labels.get("rack"), "spine", labels.get("az"))));
        RiskInputs in = new RiskInputs(FleetRiskSamples.stripes(), nodes, List.of(), "unused", Optional.of(g), Optional.empty(), DETECTION,
                new RepairPlan(List.of()), 0, NOW);
        assertEquals(g.estimate(), modeled(LiveDurability.assess(in)));
    }
}
