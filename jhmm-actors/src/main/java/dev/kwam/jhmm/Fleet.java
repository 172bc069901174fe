package dev.kwam.jhmm;

import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet at one moment, as the JHMM's host reads it (node-app: the census's node directory joined with the
 * cluster's membership). A node is <em>live</em> when it is an {@code Up} member that is reachable and registered;
 * <em>present</em> when it is a member not downed, removed or exiting, and so may still come back with its fragments.
 */
public interface Fleet {
    /** The node this view was read on: the JHMM's host. */
    String self();

    Set<String> live();

    boolean isLive(String node);

    Set<String> present();

    /** The live nodes as the placer sees them, with their domain labels. */
    Topology topology();

    /** {@code configured} when given; otherwise the levels derived from the live nodes' labels, as writes place by. */
    AntiAffinity antiAffinity(List<String> configured);

    /** The domain labels {@code node} registered; empty when it did not. */
    Map<String, String> labels(String node);
}
