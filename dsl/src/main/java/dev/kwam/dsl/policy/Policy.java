package dev.kwam.dsl.policy;

import java.util.List;

/**
 * A lowered, validated policy: every reference resolved, every rule of the language reference's
 * section 06 satisfied. Immutable; only {@code PolicyCompiler} builds one, and only for a file with no error.
 */
public record Policy(List<Server> servers, List<ClientSpec> clients, List<DiscoveryPolicy> discoveries,
                     List<ReplicationPolicy> replications, List<SLAPolicy> guards, List<CapabilityGrant> policies,
                     List<AuthorizedRollout> rollouts, List<SLO> metrics, List<Profile> profiles, Provenance provenance) {

    public Policy {
        servers = List.copyOf(servers);
        clients = List.copyOf(clients);
        discoveries = List.copyOf(discoveries);
        replications = List.copyOf(replications);
        guards = List.copyOf(guards);
        policies = List.copyOf(policies);
        rollouts = List.copyOf(rollouts);
        metrics = List.copyOf(metrics);
        profiles = List.copyOf(profiles);
    }
}
