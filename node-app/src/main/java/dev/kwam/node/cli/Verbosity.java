package dev.kwam.node.cli;

import java.util.Arrays;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
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
        return envDebug();
    }

    /** Before parsing: whether the raw arguments or the environment ask for debug output. */
    static boolean debug(String[] args) {
        return Arrays.asList(args).contains(OPTION) || envDebug();
    }

    /**
     * Library INFO logging (the codec names its kernel on every start) is noise on a command line;
     * only warnings show unless debug output was asked for.
     */
    static void configureLogging(boolean debug) {
        Level level = debug ? Level.INFO : Level.WARNING;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    private static boolean envDebug() {
        return "1".equals(System.getenv(ENV));
    }
}
