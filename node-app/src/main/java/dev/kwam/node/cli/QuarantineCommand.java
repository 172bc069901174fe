package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kwam quarantine}: taking data out of service on an operator's word, behind a consent token. */
@Command(name = "quarantine",
        mixinStandardHelpOptions = true,
        description = {"Take a fragment out of service on every node holding it and have the JHMM rebuild it elsewhere: for a "
                + "copy you distrust although its checksum passes (a suspect drive, a bad batch)."},
        subcommands = {QuarantineFragmentCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:refused (the reason is on stderr), or no such fragment", "2:usage error, node unreachable"},
        footer = {"%nDocs: docs/cli.md, docs/operators.md"})
final class QuarantineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam quarantine: missing a command (fragment)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
