package dev.kwam.node.cli;

/**
 * The only three exit codes {@code kwam} uses, so that scripts can tell "the data is bad" from
 * "I called it wrong or the disk failed" without parsing text.
 */
public final class ExitCodes {
    /** Everything asked for was done and every check passed. */
    public static final int OK = 0;
    /** A check failed: missing or corrupt fragments, an untrusted or invalid manifest. */
    public static final int CHECK_FAILED = 1;
    /** The command line was wrong, or a file could not be read or written. */
    public static final int USAGE_OR_IO = 2;

    private ExitCodes() {
    }
}
