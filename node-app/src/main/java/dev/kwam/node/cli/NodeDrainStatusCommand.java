package dev.kwam.node.cli;

import dev.kwam.node.grpc.v1.DrainProgress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kwam node drain-status NAME}: one reading of a drain's progress (no token: it changes nothing by itself). */
@Command(name = "drain-status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"How far node NAME's drain has come: its mark and the fragments the census still places on it. A draining "
                + "node with none left is marked drained by this reading (the node also checks every few seconds). Needs 'read' "
                + "or 'drain'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:read (any state)", "1:refused, or no such node", "2:usage error, node unreachable"})
final class NodeDrainStatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The node's name, as kwam client status lists it.")
    private String name;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        DrainProgress p = connection.ask(client -> client.admin().drainStatus(name), "cannot read the drain of " + name);
        return output.show(p, AdminJson::drain, NodeDrainCommand::print);
    }
}
