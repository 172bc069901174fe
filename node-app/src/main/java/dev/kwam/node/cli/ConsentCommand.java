package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kwam consent}: the security officer's tools for consent tokens, run offline by the people
 * who hold the keys. Nothing here talks to a node; nodes only ever verify (docs/consent.md).
 */
@Command(name = "consent",
        mixinStandardHelpOptions = true,
        description = {
            "Create signing keys and mint, co-sign and inspect grant://… consent tokens.",
            "Tokens authorize destructive actions (deploy, quarantine, …); kwam check verifies them against a keyring."},
        subcommands = {
            ConsentKeygenCommand.class,
            ConsentMintCommand.class,
            ConsentCosignCommand.class,
            ConsentInspectCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:a check failed (a signature does not verify; a co-signature was refused)",
            "2:usage error, malformed token, or I/O error"},
        footer = {"%nDocs: docs/consent.md"})
final class ConsentCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam consent: missing a command (keygen, mint, cosign or inspect)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
