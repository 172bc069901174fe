package dev.kwam.node.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Command-line mistakes: say what was wrong, suggest the nearest subcommand or option, and point
 * at the command's own {@code --help}. Always exit code 2.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + describe(problem, command));
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
        err.println("Run '" + name + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE_OR_IO;
    }

    /** Picocli calls a mistyped subcommand an "unmatched argument"; operators know it as an unknown command. */
    private static String describe(CommandLine.ParameterException problem, CommandLine command) {
        if (problem instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !command.getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return problem.getMessage();
    }
}
