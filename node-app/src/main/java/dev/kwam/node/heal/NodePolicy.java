package dev.kwam.node.heal;

import dev.kwam.dsl.policy.Policy;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.up.PolicyGate;
import dev.kwam.node.up.StartupException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's policy as healing reads its values (the repair block, the guard). {@link PolicyGate} checked the
 * file before start-up and refused to start on any error; it is compiled again here only for the values, once
 * per start. Empty without a policy — and, logged, when the file changed or vanished since the check: healing
 * then runs on the node's own keys and reports the guard UNAVAILABLE rather than stop a node that started.
 */
final class NodePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(NodePolicy.class);

    private NodePolicy() {
    }

    static Optional<Policy> of(NodeSettings settings) {
        if (settings.policy().isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Policy> policy = PolicyGate.compile(settings.policy().get(), settings.keyring()).policy();
            if (policy.isEmpty()) {
                LOG.warn("the policy {} no longer compiles: repair limits from kwam.node.repair.*, no guard for the durability "
                        + "report", settings.policy().get());
            }
            return policy;
        } catch (StartupException e) {
            LOG.warn("the policy {} could not be read again ({}): repair limits from kwam.node.repair.*, no guard for the "
                    + "durability report", settings.policy().get(), e.why());
            return Optional.empty();
        }
    }
}
