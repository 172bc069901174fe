package dev.kwam.node.cli;

import dev.kwam.actors.pki.PkiException;
import dev.kwam.dsl.identity.SpiffeIdError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kwam pki}: the certificate authority and node certificates for operators who bring their
 * own layout (a node started without {@code --pki} makes development ones itself). Each node is
 * identified by a SPIFFE ID carried as the only URI SAN of its certificate; docs/security.md.
 */
@Command(name = "pki",
        mixinStandardHelpOptions = true,
        description = {
            "Create a trust domain's root CA and issue node certificates for mutual TLS.",
            "Nodes are identified by SPIFFE IDs: spiffe://<trust-domain>/<tenant>/<cluster>/<az>/<pod>/<node>/<workload>."},
        subcommands = {PkiInitCommand.class, PkiIssueCommand.class, PkiShowCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:a check failed (pki show: the certificate would be refused)",
            "2:usage error, a refused SPIFFE ID, an existing file, or an I/O error"})
final class PkiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** {@code kwam pki} alone: a subcommand is required. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam pki: missing a command (init, issue or show)");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }

    /** The operator's view of a refused certificate or key. */
    static CliException refused(PkiException e, int exitCode) {
        return new CliException(CliError.of(exitCode, e.error()), e);
    }

    /** A refused SPIFFE ID or trust domain: the text with a caret under the offending character. */
    static CliException badSpiffeText(String option, String text, SpiffeIdError error, String what) {
        String[] caret = error.caret(text).split("\n", -1);
        return new CliException(CliError.usage(what, option + " at character " + (error.offset() + 1), error.reason(),
                error.hint()).withDetails(List.of(caret[0], caret[1])));
    }

    /** Refuses before any key is generated if one of {@code names} already exists in {@code dir}. */
    static void refuseExisting(Path dir, String... names) throws CliException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(CliError.io("--out is not a directory", dir.toString(), "a file with that name exists",
                    "pass a directory path for --out"));
        }
        for (String name : names) {
            Path path = dir.resolve(name);
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new CliException(CliError.io("refusing to overwrite an existing file", path.toString(),
                        "kwam never replaces a certificate or key in place (a replaced CA key would orphan every certificate it signed)",
                        "choose another --out directory, or move " + path + " away first"));
            }
        }
    }
}
