package dev.kwam.node.api;

import dev.kwam.node.config.NodeSettings;
import dev.kwam.placement.census.Census;
import org.apache.pekko.actor.typed.Behavior;

/**
 * How a node gets its census actor. {@link #DISTRIBUTED} is the real one (placement-crdt's
 * Distributed Data census); tests may pass another to exercise the node without a cluster.
 */
@FunctionalInterface
public interface CensusBehavior {
    Behavior<Census.Command> create(NodeSettings settings);

    CensusBehavior DISTRIBUTED = settings -> {
        throw new UnsupportedOperationException("the Distributed Data census (Census.create) is not merged into this build yet");
    };
}
