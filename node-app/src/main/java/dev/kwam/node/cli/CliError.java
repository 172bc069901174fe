package dev.kwam.node.cli;

import dev.kwam.actors.error.KwamError;
import java.io.PrintWriter;
import java.util.List;

/**
 * An expected failure as the operator reads it: the {@link KwamError} (what, where, why, fix) and
 * the exit code it maps to. Detail lines (per-stripe damage, say) follow the headline.
 */
public record CliError(int exitCode, KwamError error, List<String> details) {
    /** Codes of errors the CLI itself finds (flags, files); errors from the node keep their own. */
    static final String USAGE = "cli.usage";
    static final String IO = "cli.io";
    static final String CHECK_FAILED = "cli.check-failed";

    public CliError {
        details = List.copyOf(details);
    }

    /** {@code error} as a command's failure with {@code exitCode}. */
    public static CliError of(int exitCode, KwamError error) {
        return new CliError(exitCode, error, List.of());
    }

    public static CliError usage(String what, String where, String why, String fix) {
        return of(ExitCodes.USAGE_OR_IO, KwamError.of(USAGE, what, where, why, fix));
    }

    public static CliError io(String what, String where, String why, String fix) {
        return of(ExitCodes.USAGE_OR_IO, KwamError.of(IO, what, where, why, fix));
    }

    public static CliError checkFailed(String what, String where, String why, String fix) {
        return of(ExitCodes.CHECK_FAILED, KwamError.of(CHECK_FAILED, what, where, why, fix));
    }

    public CliError withDetails(List<String> lines) {
        return new CliError(exitCode, error, lines);
    }

    /** Writes the error as {@code kwam <command>: <what>} followed by indented where/why/fix lines. */
    public void printTo(PrintWriter err, String commandName) {
        err.println(commandName + ": " + error.what());
        error.where().ifPresent(w -> err.println("  where: " + w));
        err.println("  why:   " + error.why());
        for (String line : details) {
            err.println("    " + line);
        }
        err.println("  fix:   " + error.fix());
        err.flush();
    }
}
