package dev.kwam.node.heal;

import dev.kwam.dsl.policy.Policy;
import dev.kwam.jhmm.risk.GuardTarget;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.up.PolicyGate;
import dev.kwam.node.up.StartupException;
import java.util.Optional;

/**
 * The guard the fleet's live durability is held to: the strictest {@code guard} of the node's policy, with the
 * inputs and the figure {@code kwam check} gave it. Empty without a policy, with a policy that has no guard, or
 * when the policy no longer compiles — then the target and the MTBF inputs are UNAVAILABLE in the report and no
 * figure is modeled. Read once when healing starts, like the repair budget ({@link HealPolicy}).
 */
public final class DurabilityGuard {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DurabilityGuard.class);

    private DurabilityGuard() {
    }

    public static Optional<GuardTarget> of(NodeSettings settings) {
        if (settings.policy().isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Policy> policy = PolicyGate.compile(settings.policy().get(), settings.keyring()).policy();
            if (policy.isEmpty()) {
                LOG.warn("the policy {} no longer compiles; the fleet's durability is reported without a guard",
                        settings.policy().get());
            }
            return policy.flatMap(p -> GuardTarget.strictest(p.guards()));
        } catch (StartupException e) {
            // PolicyGate compiled this file before start-up; failing now means it changed or vanished since.
            LOG.warn("the policy {} could not be read again for its guard ({}); durability is reported without one",
                    settings.policy().get(), e.why());
            return Optional.empty();
        }
    }
}
