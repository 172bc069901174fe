package dev.kwam.node.heal;

import dev.kwam.dsl.policy.Policy;
import dev.kwam.jhmm.risk.GuardTarget;
import java.util.Optional;

/**
 * The guard the fleet's live durability is held to: the strictest {@code guard} of the node's policy, with the
 * inputs and the figure {@code kwam check} gave it. Empty without a policy, with a policy that has no guard, or
 * when the policy no longer compiles — then the target and the MTBF inputs are UNAVAILABLE in the report and no
 * figure is modeled. Read once when healing starts, like the repair budget ({@link HealPolicy}).
 */
public final class DurabilityGuard {
    private DurabilityGuard() {
    }

    /** {@code policy}: the node's compiled policy ({@link NodePolicy}), empty without one. */
    static Optional<GuardTarget> of(Optional<Policy> policy) {
        return policy.flatMap(p -> GuardTarget.strictest(p.guards()));
    }
}
