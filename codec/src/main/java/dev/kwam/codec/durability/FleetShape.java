package dev.kwam.codec.durability;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many domains of each fault-domain level a fleet has (the census's count, or what a profile
 * such as {@code std/faultdomains}' {@code h100} declares). The model needs it: 14 fragments over 14
 * azs and 14 fragments over 8 azs are different risks, and a guard block alone does not say which.
 * A listed level the shape does not count is refused, never assumed to be wide enough.
 */
public record FleetShape(Map<String, Integer> domainsPerLevel) {

    /**
     * The H100 campus the guided tour's {@code use fd.h100} stands for: 4,096 nodes, 4 per rack in 1,024
     * racks, 256 PDUs, 32 spine switches, and 8 availability zones (halls with their own power and
     * cooling). {@code std/faultdomains} ships the same counts.
     */
    public static final FleetShape H100_CAMPUS = new FleetShape(Map.of("rack", 1024, "pdu", 256, "spine", 32, "az", 8));

    public FleetShape {
        domainsPerLevel = Map.copyOf(new TreeMap<>(domainsPerLevel));
        domainsPerLevel.forEach((level, count) -> {
            if (count < 1) {
                throw new IllegalArgumentException("fleet shape: level '" + level + "' needs at least 1 domain, got " + count);
            }
        });
    }

    /**
     * The model's levels for {@code antiAffinity} (smallest domain first), each holding as many of the
     * stripe's fragments per domain as this fleet forces.
     */
    public List<FaultDomainLevel> levels(List<String> antiAffinity, Duration domainMtbf, Duration recovery,
            CodecSpec codec) {
        List<FaultDomainLevel> levels = new ArrayList<>(antiAffinity.size());
        for (String level : antiAffinity) {
            Integer count = domainsPerLevel.get(level);
            if (count == null) {
                throw new IllegalArgumentException("fleet shape does not count the level '" + level + "' (it counts "
                        + domainsPerLevel.keySet() + "); hint: declare how many " + level
                        + " domains the fleet has, or drop it from anti_affinity");
            }
            levels.add(FaultDomainLevel.across(level, domainMtbf, recovery, count, codec));
        }
        return List.copyOf(levels);
    }
}
