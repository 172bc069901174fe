package dev.kwam.node.authz;

import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.policy.Policy;
import dev.kwam.dsl.policy.PolicyBlock;
import dev.kwam.dsl.vocab.Capability;
import java.util.List;
import java.util.Optional;

/**
 * Who may do what on this node, from its compiled policy: without one every certificate of the fleet's CA may make
 * every call ({@link NoPolicy}); with one, a call is allowed when a grant whose pattern matches the caller's SPIFFE
 * ID holds one of the capabilities the call needs ({@link Grants}). Grants are fixed while the node runs.
 */
public sealed interface Authorizer permits Authorizer.NoPolicy, Grants {
    /** What a node without a policy says it does: the phrase the start-up log, /ready and {@code kwam client status} show. */
    String NONE = "none (no policy)";

    Decision decide(SpiffeId caller, Requirement requirement);

    /** A call whose caller's identity could not be read ({@code why}): allowed only when nothing is enforced. */
    Decision unidentified(Requirement requirement, String why);

    /** A call the access table does not list ({@code call}: its method and path): allowed only when nothing is enforced. */
    Decision unlisted(String call);

    /** Whether {@code node} holds {@code capability}: repairs are sent only to nodes that hold {@code repair}. */
    boolean holds(SpiffeId node, Capability capability);

    /** One line: {@value #NONE}, or {@code grants (3) from policy 'fleet'}. */
    String summary();

    /** The policy's grants, in order; empty when nothing is enforced (consent then follows the token's own signer). */
    Optional<List<PolicyBlock.Grant>> grants();

    /** What the summary means for a caller, for the start-up log. */
    String meaning();

    /** The authorizer of {@code policy}, compiled from {@code source}; no policy, or one without a policy block, grants everything. */
    static Authorizer of(Optional<Policy> policy, String source) {
        if (policy.isEmpty()) {
            return new NoPolicy(NONE);
        }
        List<PolicyBlock> blocks = policy.get().policies();
        if (blocks.isEmpty()) {
            return new NoPolicy("none (the policy " + source + " has no policy block)");
        }
        return new Grants(blocks);
    }

    /** Nothing enforced: every certificate the data port's mutual TLS accepted may make every call. */
    record NoPolicy(String summary) implements Authorizer {
        @Override
        public Decision decide(SpiffeId caller, Requirement requirement) {
            return new Decision.Allowed("authorization: " + summary);
        }

        @Override
        public Decision unidentified(Requirement requirement, String why) {
            return new Decision.Allowed("authorization: " + summary);
        }

        @Override
        public Decision unlisted(String call) {
            return new Decision.Allowed("authorization: " + summary);
        }

        @Override
        public boolean holds(SpiffeId node, Capability capability) {
            return true;
        }

        @Override
        public Optional<List<PolicyBlock.Grant>> grants() {
            return Optional.empty();
        }

        @Override
        public String meaning() {
            return "every certificate of the fleet's CA may call every gRPC method and data-port route; "
                    + "add a policy block with grants (kwam up --policy FILE) to restrict them";
        }
    }
}
