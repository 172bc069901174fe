package dev.kwam.dsl.policy;

import dev.kwam.codec.durability.FleetShape;
import java.util.List;

/**
 * A fault-domain map from a module such as {@code std/faultdomains}: the domain kinds smallest
 * first, how many domains of each the fleet has, and the pools a deploy may target.
 *
 * @param source e.g. {@code std/faultdomains h100}
 */
public record FaultDomains(String source, String hardware, List<String> kinds, FleetShape shape, List<String> pools) {
    public FaultDomains {
        kinds = List.copyOf(kinds);
        pools = List.copyOf(pools);
    }
}
