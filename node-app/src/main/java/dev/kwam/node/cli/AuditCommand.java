package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kwam audit}: the node's tamper-evident audit log, read offline from its data directory. */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "A node's audit log: hash-chained, signed JSON records under DATA/audit (docs/security.md). verify checks the file "
                    + "offline; tail streams it from a running node."},
        subcommands = {AuditVerifyCommand.class, AuditTailCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:the audit log is broken (the first broken line is named)",
            "2:usage error, or no audit log / certificate could be read"},
        footer = {"%nDocs: docs/cli.md, docs/security.md"})
final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam audit: missing a command (verify, tail)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
