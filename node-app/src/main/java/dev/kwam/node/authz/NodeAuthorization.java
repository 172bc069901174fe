package dev.kwam.node.authz;

import dev.kwam.dsl.CompileResult;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.up.PolicyGate;
import dev.kwam.node.up.StartupException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's authorizer, made once at start from {@code --policy} and said out loud. Unlike healing's reading of
 * the same file (heal.NodePolicy, which falls back to defaults), a policy that no longer compiles here refuses the
 * start: falling back would mean enforcing nothing, and grants that silently vanish are the failure to avoid.
 */
public final class NodeAuthorization {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAuthorization.class);

    private NodeAuthorization() {
    }

    public static Authorizer load(NodeSettings settings) throws StartupException {
        Authorizer authorizer = settings.policy().isEmpty() ? Authorizer.of(Optional.empty(), "")
                : compiled(settings.policy().get(), settings.keyring());
        if (authorizer instanceof Authorizer.NoPolicy) {
            LOG.warn("authorization: {}: {}", authorizer.summary(), authorizer.meaning());
        } else {
            LOG.info("authorization: {}: {}", authorizer.summary(), authorizer.meaning());
        }
        return authorizer;
    }

    private static Authorizer compiled(Path file, Optional<Path> keyring) throws StartupException {
        CompileResult result = PolicyGate.compile(file, keyring);
        if (result.policy().isEmpty()) {
            String first = result.diagnostics().isEmpty() ? "it does not compile" : result.diagnostics().get(0).toString();
            throw new StartupException("the policy no longer compiles, so its grants cannot be enforced", file, first,
                    "run kwam check " + file + " and fix what it reports; the node will not start without the grants it was given",
                    null);
        }
        return Authorizer.of(result.policy(), file.getFileName().toString());
    }
}
