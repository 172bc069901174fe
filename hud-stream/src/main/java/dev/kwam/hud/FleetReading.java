package dev.kwam.hud;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The fleet as one node read it at {@code observedAt}: who is serving ({@code self}), every node it knows, how calls
 * are authorized and how it reaches consensus (one line each, as {@code kwam client status} prints them), and
 * where the reading comes from ({@link Source#LIVE} for a real node's view, {@link Source#MODELED} for a simulation).
 */
public record FleetReading(String self, List<NodeRecord> nodes, String authorization, String consensus, Source source,
        Instant observedAt) {
    public FleetReading {
        Objects.requireNonNull(self, "self");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
