package dev.kwam.dsl.policy;

import dev.kwam.dsl.identity.SpiffeIdPattern;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.dsl.vocab.SandboxTier;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code policy} block: trust anchor, sandbox floor and per-pattern grants. {@code sandbox_floor}
 * defaults to {@link #DEFAULT_SANDBOX_FLOOR}, the weakest tier that is still a sandbox.
 */
public record PolicyBlock(String name, Optional<SecretRef> ca, SandboxTier sandboxFloor, List<Grant> grants) {

    public static final SandboxTier DEFAULT_SANDBOX_FLOOR = SandboxTier.BUBBLEWRAP;

    public PolicyBlock {
        grants = List.copyOf(grants);
    }

    /**
     * What holders of a SPIFFE ID matching {@code pattern} may do. Defaults: {@code dual_control false},
     * no discover scope (discover then enumerates nothing), no resource restriction beyond the token's glob.
     */
    public record Grant(SpiffeIdPattern pattern, Set<Capability> caps, Optional<String> signedBy, List<Cidr> discoverScope,
                        boolean dualControl, List<String> resources) {
        public Grant {
            caps = Set.copyOf(caps);
            discoverScope = List.copyOf(discoverScope);
            resources = List.copyOf(resources);
        }
    }
}
