package dev.kwam.node.cli;

import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.client.KwamClientException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kwam client status}: the cluster's members as the node at --node sees them. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show the cluster as the node sees it: every member's status, reachability, fault domains and data endpoint."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the members are on stdout", "2:usage error, node unreachable or refusing"})
final class ClientStatusCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Mixin
    private NodeConnection connection;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json; the JSON shape is in docs/cli.md.")
    private Format format;

    @Override
    public Integer call() throws CliException {
        KwamNode.ClusterState state;
        try (KwamClient client = connection.connect()) {
            state = client.clusterStatus();
        } catch (KwamClientException e) {
            throw connection.failure(e, "cannot read the cluster status");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (format == Format.json) {
            stdout.println(ClientJson.status(state));
        } else {
            stdout.println("self  " + state.self() + "  (" + state.members().size() + " member(s))");
            for (KwamNode.MemberInfo m : state.members()) {
                stdout.printf("%-16s %-8s %-11s %-22s %s  %s%n", m.node(), m.status(), m.reachable() ? "reachable" : "UNREACHABLE",
                        m.dataEndpoint().isEmpty() ? "-" : m.dataEndpoint(), domains(m.domains()), m.spiffeId());
            }
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private static String domains(Map<String, String> domains) {
        return domains.isEmpty() ? "-" : new TreeMap<>(domains).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
