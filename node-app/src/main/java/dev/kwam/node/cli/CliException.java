package dev.kwam.node.cli;

/** Carries a {@link CliError} from a command to the error printer, keeping the original cause for --verbose. */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient CliError error;

    public CliException(CliError error) {
        this(error, null);
    }

    public CliException(CliError error, Throwable cause) {
        super(error.error().what() + ": " + error.error().why(), cause);
        this.error = error;
    }

    public CliError error() {
        return error;
    }
}
