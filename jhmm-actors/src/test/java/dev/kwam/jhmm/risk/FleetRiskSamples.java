package dev.kwam.jhmm.risk;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityInputs;
import dev.kwam.codec.durability.DurabilityModel;
import dev.kwam.codec.durability.FleetShape;
import dev.kwam.jhmm.LossCause;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairThroughput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small live fleet and a guard, for the calculator's tests and the Kryo round trip: eight nodes, each its
 * own rack and availability zone, eight rs(4,2) stripes laid round the ring (six fragments each, six per node),
 * and a guard whose math, on a shape with more racks and zones than a stripe has fragments, is anti-affine
 * at both levels — the placement the live fleet has too.
 */
public final class FleetRiskSamples {
    public static final CodecSpec RS_4_2 = new CodecSpec.ReedSolomonSpec(4, 2);
    public static final Duration NODE_MTBF = Duration.ofHours(35_000);
    public static final Duration MTTR_RESTORE = Duration.ofMinutes(30);
    public static final Duration DOMAIN_MTBF = Duration.ofHours(500_000);
    public static final Duration RECOVERY = Duration.ofHours(6);
    public static final List<String> LEVELS = List.of("rack", "az");
    public static final Detection DETECTION = new Detection(Duration.ofSeconds(20), "20 s (test)");
    /** 890 MB per fragment: six on a node make 5.34 GB, 1780 s at 3 MB/s; with 20 s of detection exactly mttr_restore. */
    public static final long FRAGMENT_BYTES = 890_000_000L;

    private FleetRiskSamples() {
    }

    public static GuardTarget guard() {
        DurabilityInputs inputs = DurabilityInputs.forGuard(NODE_MTBF, MTTR_RESTORE, DOMAIN_MTBF, RECOVERY, LEVELS,
                new FleetShape(Map.of("rack", 1024, "az", 8)), RS_4_2);
        DurabilityEstimate e = DurabilityModel.annualLossProbability(RS_4_2, inputs);
        return new GuardTarget("sla", e.nines(), NODE_MTBF, DOMAIN_MTBF, RECOVERY, MTTR_RESTORE, LEVELS, RS_4_2, "data",
                "test shape (rack 1024, az 8)", e, LiveDurability.dominant(e), "quarantine");
    }

    /** node-i in rack r-i and zone a-i. */
    public static Map<String, Map<String, String>> nodes() {
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            nodes.put("node-" + i, Map.of("rack", "r" + i, "az", "a" + i));
        }
        return nodes;
    }

    /** Stripe s on node-(s+1) … node-(s+6), round the ring of eight. */
    public static List<LiveStripe> stripes() {
        List<LiveStripe> stripes = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            List<String> holders = new ArrayList<>();
            for (int j = 0; j < 6; j++) {
                holders.add("node-" + ((s + j) % 8 + 1));
            }
            stripes.add(new LiveStripe(Cid.of(new byte[] {(byte) s}), Optional.of(new LiveStripe.Shape(RS_4_2, FRAGMENT_BYTES)),
                    holders));
        }
        return stripes;
    }

    public static RiskInputs inputs(Optional<RepairThroughput> rate, Instant now) {
        return new RiskInputs(stripes(), nodes(), LEVELS, "test", Optional.of(guard()), rate, DETECTION, new RepairPlan(List.of()), 0,
                now);
    }

    /** 3 MB restored in one second of repair: 3 MB/s. */
    public static RepairThroughput threeMegabytesPerSecond(Instant at) {
        return new RepairThroughput(3_000_000, 9_000_000, Duration.ofSeconds(1), 4, at.minusSeconds(60), at.minusSeconds(59));
    }

    /** A report with every part filled: a measured rate, a plan with one stripe below full redundancy, one parked. */
    public static FleetRisk measured(Instant at) {
        RepairPlan.StripePlan below = new RepairPlan.StripePlan(Cid.of(new byte[] {9}), Cid.of(new byte[] {10}), 0, "rs(4,2)",
                List.of(new RepairPlan.Holder(0, "node-1")), List.of(new RepairPlan.Loss(1, Cid.of(new byte[] {11}), "node-9",
                        LossCause.NODE_GONE)), List.of(new RepairPlan.Target(1, "node-2")), List.of(), List.of(0), 1,
                at.toEpochMilli() - 5000);
        RiskInputs in = new RiskInputs(stripes(), nodes(), LEVELS, "test", Optional.of(guard()),
                Optional.of(threeMegabytesPerSecond(at)), DETECTION, new RepairPlan(List.of(below)), 1, at);
        return LiveDurability.assess(in);
    }
}
