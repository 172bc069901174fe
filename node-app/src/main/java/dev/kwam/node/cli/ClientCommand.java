package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kwam client}: a running node's gRPC API from the command line, over mutual TLS with a
 * certificate of the fleet's CA. Each subcommand is one call of kwam.proto; docs/cli.md.
 */
@Command(name = "client",
        mixinStandardHelpOptions = true,
        description = {
            "Talk to a running node's data port (gRPC over mutual TLS): protect, recover, stat, status, repairs, repair-budget, durability.",
            "Every subcommand takes --node HOST:PORT (the node's data port) and --pki DIR (ca.crt, node.crt, "
                    + "node.key from kwam pki issue)."},
        subcommands = {ClientProtectCommand.class, ClientRecoverCommand.class, ClientStatCommand.class, ClientStatusCommand.class,
            ClientRepairsCommand.class, ClientRepairBudgetCommand.class, ClientDurabilityCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the object is unrecoverable or unknown",
            "2:usage error, an unreachable or refusing node, a PKI or local I/O problem"})
final class ClientCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** {@code kwam client} alone: a subcommand is required. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam client: missing a command (protect, recover, stat, status, repairs or repair-budget)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
