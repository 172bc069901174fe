package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kwam trust}: the fleet's consent signers, kept by consensus. */
@Command(name = "trust",
        mixinStandardHelpOptions = true,
        description = {"List or change the fleet's trust roots: which keys may sign consent tokens, for which capabilities. "
                + "Changes need a token carrying 'trust' signed by two people."},
        subcommands = {TrustListCommand.class, TrustAddSignerCommand.class, TrustRevokeSignerCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:refused (the reason is on stderr)", "2:usage error, node unreachable"},
        footer = {"%nDocs: docs/cli.md, docs/consent.md"})
final class TrustCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam trust: missing a command (list, add-signer, revoke-signer)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
