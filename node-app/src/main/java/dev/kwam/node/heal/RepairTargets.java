package dev.kwam.node.heal;

import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.identity.SpiffeIdResult;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.cluster.ClusterConfig;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.cluster.Member;

/**
 * Which nodes the JHMM may send rebuilt fragments to: those whose SPIFFE ID this node's grants give {@code repair}.
 * A node without it would refuse the PUT (docs/security.md), so planning onto it would only fail and replan. A
 * member's SPIFFE ID is the one it publishes as a cluster role (ClusterConfig.spiffeIdOf: the URI SAN of the
 * certificate its Artery and data port present). A member whose ID is not known is left out under grants: the
 * repair goes elsewhere rather than to a node that may refuse it. The host judges by its own policy; every node is
 * meant to run the same one.
 */
public final class RepairTargets implements Predicate<String> {
    private final Authorizer authorizer;
    private final Supplier<Iterable<Member>> members;

    public RepairTargets(Authorizer authorizer, Supplier<Iterable<Member>> members) {
        this.authorizer = authorizer;
        this.members = members;
    }

    @Override
    public boolean test(String node) {
        if (authorizer instanceof Authorizer.NoPolicy) {
            return true;
        }
        return spiffeIdOf(node).map(id -> authorizer.holds(id, Capability.REPAIR)).orElse(false);
    }

    private Optional<SpiffeId> spiffeIdOf(String node) {
        for (Member m : members.get()) {
            if (ClusterConfig.nameOf(m).filter(node::equals).isPresent()
                    && SpiffeId.tryParse(ClusterConfig.spiffeIdOf(m)) instanceof SpiffeIdResult.Valid<SpiffeId> valid) {
                return Optional.of(valid.value());
            }
        }
        return Optional.empty();
    }
}
