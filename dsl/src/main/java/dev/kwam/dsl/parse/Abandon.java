package dev.kwam.dsl.parse;

/**
 * Unwinds the parser to the nearest recovery point after a diagnostic has been reported. Never
 * escapes the parser and carries no stack trace: it is control flow, not an error report.
 * {@code atLineStart} says the cursor already sits at the start of the next line, so the recovery
 * point must not skip that line too.
 */
final class Abandon extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final boolean atLineStart;

    Abandon(boolean atLineStart) {
        super(null, null, false, false);
        this.atLineStart = atLineStart;
    }
}
