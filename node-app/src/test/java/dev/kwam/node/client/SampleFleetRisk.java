package dev.kwam.node.client;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityInputs;
import dev.kwam.codec.durability.DurabilityModel;
import dev.kwam.codec.durability.FleetShape;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.risk.Detection;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.GuardTarget;
import dev.kwam.jhmm.risk.LiveDurability;
import dev.kwam.jhmm.risk.LiveStripe;
import dev.kwam.jhmm.risk.RiskInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A durability report computed by the real calculator for the gRPC and CLI tests: six nodes, node-a…node-c in
 * rack r1 and node-d…node-f in rack r2 (so every rs(4,2) stripe has three fragments in one rack), ten stripes of
 * 1 MB fragments, a guard of 6nines on [rack], and the sample repairs' measured rate and plan.
 */
public final class SampleFleetRisk {
    static final CodecSpec RS_4_2 = new CodecSpec.ReedSolomonSpec(4, 2);

    private SampleFleetRisk() {
    }

    public static GuardTarget guard() {
        DurabilityInputs inputs = DurabilityInputs.forGuard(Duration.ofHours(35_000), Duration.ofMinutes(30), Duration.ofHours(500_000),
                Duration.ofHours(6), List.of("rack"), new FleetShape(Map.of("rack", 1024)), RS_4_2);
        DurabilityEstimate e = DurabilityModel.annualLossProbability(RS_4_2, inputs);
        return new GuardTarget("sla", 6, Duration.ofHours(35_000), Duration.ofHours(500_000), Duration.ofHours(6), Duration.ofMinutes(30),
                List.of("rack"), RS_4_2, "data", "test shape (rack 1024)", e, "node", "quarantine");
    }

    public static FleetRisk measured(Instant at, RepairStatus repairs) {
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        for (String n : List.of("a", "b", "c", "d", "e", "f")) {
            nodes.put("node-" + n, Map.of("rack", n.compareTo("c") <= 0 ? "r1" : "r2"));
        }
        List<LiveStripe> stripes = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            stripes.add(new LiveStripe(Cid.of(new byte[] {(byte) (100 + s)}), Optional.of(new LiveStripe.Shape(RS_4_2, 1_000_000)),
                    List.copyOf(nodes.keySet())));
        }
        return LiveDurability.assess(new RiskInputs(stripes, nodes, List.of("rack"), "test", Optional.of(guard()), repairs.rate(),
                new Detection(Duration.ofSeconds(20), "20 s (test)"), repairs.plan(), repairs.parked().size(), at));
    }
}
