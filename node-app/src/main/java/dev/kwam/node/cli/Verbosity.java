package dev.kwam.node.cli;

import picocli.CommandLine;

/** Whether the operator asked for stack traces: {@code --verbose} anywhere on the command line, or {@code KWAM_DEBUG=1}. */
final class Verbosity {
    static final String OPTION = "--verbose";
    static final String ENV = "KWAM_DEBUG";

    private Verbosity() {
    }

    static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(OPTION)) {
                return true;
            }
        }
        return "1".equals(System.getenv(ENV));
    }
}
