package dev.kwam.dsl.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A {@code profile} block, with the fault domains of its hardware when the program hoisted a
 * matching fault-domain map ({@code use fd.h100} for {@code hardware "h100"}).
 */
public record ProfileBlock(String name, String hardware, Optional<String> interconnect, List<String> health, OptionalInt fanout,
                      OptionalLong cacheBytes, Optional<Duration> linkLatency, Optional<Duration> checkpointInterval,
                      Optional<FaultDomains> faultDomains) {
    public ProfileBlock {
        health = List.copyOf(health);
    }
}
