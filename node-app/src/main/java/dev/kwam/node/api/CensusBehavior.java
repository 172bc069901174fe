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

    /** placement-crdt's census, its timeouts from {@code kwam.census} in the ActorSystem's config. */
    CensusBehavior DISTRIBUTED = settings -> Census.create();
}
