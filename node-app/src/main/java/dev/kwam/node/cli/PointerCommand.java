package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kwam pointer}: the fleet's channel → cid pointers, kept by consensus. */
@Command(name = "pointer",
        mixinStandardHelpOptions = true,
        description = {"Read or move a channel pointer (which bundle a channel names), agreed by the consensus group."},
        subcommands = {PointerSetCommand.class, PointerGetCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:refused (the reason is on stderr) or the channel was never set", "2:usage error, node unreachable"},
        footer = {"%nDocs: docs/cli.md, docs/consent.md"})
final class PointerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam pointer: missing a command (set, get)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
