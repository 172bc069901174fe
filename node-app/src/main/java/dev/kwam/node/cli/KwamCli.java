package dev.kwam.node.cli;

import dev.kwam.actors.runtime.CommonPool;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code kwam}: the operator's command line. Each subcommand is its own class; this one wires them,
 * the error handlers and the exit codes (0 ok, 1 a check failed, 2 usage or I/O error).
 */
@Command(name = "kwam",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true,
        description = {
            "KWAM keeps a fleet's code and data alive: it erasure-codes content into SHA-256-gated fragments "
                    + "with a signed manifest, spreads them across fault domains, and rebuilds them byte for byte "
                    + "from any sufficient subset, under one fail-closed policy file.",
            "",
            "Nodes: up, pki, client.  Data: protect, recover, verify, keygen.  Policy: check, explain, durability, sim, "
                    + "fmt, module.  Consent: consent.  Audit: audit."},
        subcommands = {
            UpCommand.class,
            PkiCommand.class,
            ProtectCommand.class,
            RecoverCommand.class,
            ClientCommand.class,
            VerifyCommand.class,
            KeygenCommand.class,
            CheckCommand.class,
            ExplainCommand.class,
            DurabilityCommand.class,
            SimCommand.class,
            FmtCommand.class,
            ModuleCommand.class,
            ConsentCommand.class,
            AuditCommand.class,
            PointerCommand.class,
            TrustCommand.class,
            NodeCommand.class,
            QuarantineCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:a check failed (missing/corrupt fragments, an untrusted or invalid manifest, a policy with errors)",
            "2:usage error or I/O error"},
        footer = {"%nRun 'kwam COMMAND --help' for a command's options. Docs: docs/cli.md"})
public final class KwamCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = Verbosity.OPTION, scope = ScopeType.INHERIT,
            description = "Show stack traces for failures (also: KWAM_DEBUG=1).")
    private boolean verbose;

    public static void main(String[] args) {
        CommonPool.atLeastTwo();
        Verbosity.configureLogging(Verbosity.debug(args));
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests run it in-process with their own out/err writers. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new KwamCli());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli;
    }

    /** {@code kwam} alone: a subcommand is required, so this is a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam: missing a command");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }
}
