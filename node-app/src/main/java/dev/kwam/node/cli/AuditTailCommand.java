package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kwam audit tail --node … --pki …}: a running node's audit log, streamed. */
@Command(name = "tail",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Print the last records of a node's audit log, one JSON line each, and with --follow every new one as it "
                + "is written (Ctrl-C stops). kwam audit verify checks the file itself."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "2:usage error, node unreachable"})
final class AuditTailCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "How many of the latest records first (default 20).")
    private int last;

    @Option(names = {"-f", "--follow"}, description = "Keep streaming new records.")
    private boolean follow;

    @Mixin
    private NodeConnection connection;

    @Override
    public Integer call() throws CliException {
        PrintWriter out = spec.commandLine().getOut();
        connection.ask(client -> {
            client.admin().tailAudit(last, follow, line -> {
                out.println(line);
                out.flush();
            });
            return null;
        }, "cannot tail the audit log");
        return ExitCodes.OK;
    }
}
