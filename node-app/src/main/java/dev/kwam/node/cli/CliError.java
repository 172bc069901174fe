package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * An expected failure as the operator reads it: what went wrong, where (a path or an object),
 * why, and how to fix it, plus the exit code it maps to. Detail lines (per-stripe damage, say)
 * follow the headline.
 */
public record CliError(int exitCode, String what, Optional<String> where, String why, String fix, List<String> details) {

    public CliError {
        details = List.copyOf(details);
    }

    public static CliError usage(String what, String where, String why, String fix) {
        return new CliError(ExitCodes.USAGE_OR_IO, what, Optional.ofNullable(where), why, fix, List.of());
    }

    public static CliError io(String what, String where, String why, String fix) {
        return new CliError(ExitCodes.USAGE_OR_IO, what, Optional.ofNullable(where), why, fix, List.of());
    }

    public static CliError checkFailed(String what, String where, String why, String fix) {
        return new CliError(ExitCodes.CHECK_FAILED, what, Optional.ofNullable(where), why, fix, List.of());
    }

    public CliError withDetails(List<String> lines) {
        return new CliError(exitCode, what, where, why, fix, lines);
    }

    /** Writes the error as {@code kwam <command>: <what>} followed by indented where/why/fix lines. */
    public void printTo(PrintWriter err, String commandName) {
        err.println(commandName + ": " + what);
        where.ifPresent(w -> err.println("  where: " + w));
        err.println("  why:   " + why);
        for (String line : details) {
            err.println("    " + line);
        }
        err.println("  fix:   " + fix);
        err.flush();
    }
}
