package dev.kwam.dsl.policy;

import java.util.List;

/**
 * A lowered, validated policy: every reference resolved, every rule of the language reference's
 * section 06 satisfied. Immutable; only {@code PolicyCompiler} builds one, and only for a file with no error.
 */
public record Policy(List<ServerBlock> servers, List<ClientBlock> clients, List<DiscoveryBlock> discoveries,
                     List<ReplicateBlock> replicates, List<GuardBlock> guards, List<PolicyBlock> policies,
                     List<DeployBlock> deploys, List<MetricBlock> metrics, List<ProfileBlock> profiles, Provenance provenance) {

    public Policy {
        servers = List.copyOf(servers);
        clients = List.copyOf(clients);
        discoveries = List.copyOf(discoveries);
        replicates = List.copyOf(replicates);
        guards = List.copyOf(guards);
        policies = List.copyOf(policies);
        deploys = List.copyOf(deploys);
        metrics = List.copyOf(metrics);
        profiles = List.copyOf(profiles);
    }
}
