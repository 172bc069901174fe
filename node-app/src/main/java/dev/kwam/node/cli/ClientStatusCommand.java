package dev.kwam.node.cli;

import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kwam client status}: the cluster's members as the node at --node sees them. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show the cluster as the node sees it: every member's status, reachability, fault domains and data endpoint."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the members are on stdout", "2:usage error, node unreachable or refusing"})
final class ClientStatusCommand implements Callable<Integer> {

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        return output.show(connection.ask(KwamClient::clusterStatus, "cannot read the cluster status"), ClientJson::status,
                ClientStatusCommand::print);
    }

    private static void print(KwamNode.ClusterState state, PrintWriter stdout) {
        stdout.println("self  " + state.self() + "  (" + state.members().size() + " member(s))");
        stdout.println("authorization: " + state.authorization());
        stdout.println("consensus: " + state.consensus());
        for (KwamNode.MemberInfo m : state.members()) {
            stdout.printf("%-16s %-8s %-11s %-9s %-22s %s  %s%n", m.node(), m.status(), m.reachable() ? "reachable" : "UNREACHABLE",
                    m.mark().isEmpty() ? "in-service" : m.mark(), m.dataEndpoint().isEmpty() ? "-" : m.dataEndpoint(), domains(m.domains()),
                    m.spiffeId());
        }
    }

    private static String domains(Map<String, String> domains) {
        return domains.isEmpty() ? "-" : new TreeMap<>(domains).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
