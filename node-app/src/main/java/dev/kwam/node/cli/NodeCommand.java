package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kwam node}: operators' marks on nodes, kept by consensus. */
@Command(name = "node",
        mixinStandardHelpOptions = true,
        description = {"Take a node out of placement and put it back: cordon stops new fragments landing there (what it holds "
                + "stays and is served), uncordon undoes it; drain (consent-gated) moves everything it holds elsewhere so it can "
                + "be stopped. kwam client status shows each node's mark."},
        subcommands = {NodeMarkCommand.Cordon.class, NodeMarkCommand.Uncordon.class, NodeDrainCommand.class,
            NodeDrainStatusCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:refused (the reason is on stderr), or no such node", "2:usage error, node unreachable"},
        footer = {"%nDocs: docs/cli.md, docs/operators.md"})
final class NodeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam node: missing a command (cordon, uncordon, drain, drain-status)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
