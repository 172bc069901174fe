package dev.kwam.jhmm.risk;

import dev.kwam.actors.KwamSerializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the cluster takes from a node's death to the first repair of what it held: the first part of a
 * node's MTTR, before any byte is rebuilt. {@code source} says where the figure comes from (the configured
 * failure detector and Split Brain Resolver, and what docs/jhmm.md "Detection" measured beyond them).
 */
public record Detection(Duration time, String source) implements KwamSerializable {
    public Detection {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        if (time.isNegative()) {
            throw new IllegalArgumentException("detection time cannot be negative, got " + time);
        }
    }
}
