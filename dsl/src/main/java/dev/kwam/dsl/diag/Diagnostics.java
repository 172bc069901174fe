package dev.kwam.dsl.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the diagnostics of one file. After {@link #LIMIT} errors it records one
 * {@link ParseCode#TOO_MANY_ERRORS} and ignores the rest, so a binary file fed to the parser
 * yields a readable report rather than a million lines.
 */
public final class Diagnostics {
    public static final int LIMIT = 100;

    private final SourceFile source;
    private final List<Diagnostic> reported = new ArrayList<>();
    private boolean full;

    public Diagnostics(SourceFile source) {
        this.source = source;
    }

    public SourceFile source() {
        return source;
    }

    public void error(DiagnosticCode code, Span span, String message) {
        error(code, span, message, List.of(), null);
    }

    public void error(DiagnosticCode code, Span span, String message, String hint) {
        error(code, span, message, List.of(), hint);
    }

    /** Records an error; {@code hint} may be null when there is nothing better to say than the message. */
    public void error(DiagnosticCode code, Span span, String message, List<String> expected, String hint) {
        if (full) {
            return;
        }
        Span clamped = clamp(span);
        if (reported.size() == LIMIT) {
            full = true;
            reported.add(new Diagnostic(ParseCode.TOO_MANY_ERRORS, source, clamped,
                    "too many errors (" + LIMIT + "); the rest of the file was not checked", List.of(),
                    Optional.of("fix the errors above and run again")));
            return;
        }
        reported.add(new Diagnostic(code, source, clamped, message, expected, Optional.ofNullable(hint)));
    }

    public boolean hasErrors() {
        return !reported.isEmpty();
    }

    public int count() {
        return reported.size();
    }

    public List<Diagnostic> all() {
        return List.copyOf(reported);
    }

    private Span clamp(Span span) {
        int end = Math.min(span.end(), source.length());
        return new Span(Math.min(span.start(), end), end);
    }
}
