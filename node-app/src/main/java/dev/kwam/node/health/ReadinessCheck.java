package dev.kwam.node.health;

import dev.kwam.node.store.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Whether the node can take writes now: it is an {@code Up} member of the cluster (not joining, not
 * leaving, not downed) registered in the census's node directory, and its fragment store is open with free space above the reserve. Each
 * question is asked live on every call; a node that is leaving answers 503 at once.
 */
public final class ReadinessCheck {
    private final Cluster cluster;
    private final Supplier<Optional<StoreSnapshot>> store;
    private final String joining;
    private final BooleanSupplier registered;
    private final String authorization;

    /**
     * {@code store} gives the store's snapshot, or empty once the store is closed; {@code joining}
     * says whom the node joins ("itself (founding a cluster)", or the seed list), for the reason text;
     * {@code authorization} what the data port enforces (dev.kwam.node.authz.Authorizer#summary).
     */
    public ReadinessCheck(Cluster cluster, Supplier<Optional<StoreSnapshot>> store, String joining, BooleanSupplier registered,
            String authorization) {
        this.cluster = cluster;
        this.store = store;
        this.joining = joining;
        this.registered = registered;
        this.authorization = authorization;
    }

    public ReadinessReport check() {
        List<String> reasons = new ArrayList<>();
        MemberStatus status = cluster.selfMember().status();
        boolean known = false;
        for (org.apache.pekko.cluster.Member m : cluster.state().getMembers()) {
            known |= m.uniqueAddress().equals(cluster.selfMember().uniqueAddress());
        }
        if (!known) {
            reasons.add("not a cluster member yet: joining " + joining);
        } else if (status != MemberStatus.up()) {
            reasons.add("cluster membership is " + status + ", not Up");
        } else if (!registered.getAsBoolean()) {
            // Peers place fragments only on nodes in the census directory: until then this node takes no writes.
            reasons.add("not registered in the census yet");
        }
        Optional<StoreSnapshot> snapshot = store.get();
        if (snapshot.isEmpty()) {
            reasons.add("the fragment store is closed");
        } else if (!snapshot.get().acceptingWrites()) {
            StoreSnapshot s = snapshot.get();
            reasons.add("the fragment store at " + s.root() + " is not accepting writes: usable space "
                    + (s.usableBytes().isPresent() ? s.usableBytes().getAsLong() + " bytes" : "unknown")
                    + ", reserve " + s.reserveBytes() + " bytes");
        }
        return new ReadinessReport(reasons.isEmpty(), reasons, authorization);
    }
}
