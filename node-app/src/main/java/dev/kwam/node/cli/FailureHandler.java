package dev.kwam.node.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Prints a command's failure as what/where/why/fix and returns its exit code. Stack traces are
 * for bugs, {@code --verbose} and {@code KWAM_DEBUG=1} only: an operator reading "fragment
 * missing" does not need forty lines of frames.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        ErrorClassifier.Classified classified = ErrorClassifier.classify(failure);
        PrintWriter err = command.getErr();
        classified.error().printTo(err, command.getCommandSpec().qualifiedName());
        if (!classified.expected() || Verbosity.debug(parsed)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return classified.error().exitCode();
    }
}
