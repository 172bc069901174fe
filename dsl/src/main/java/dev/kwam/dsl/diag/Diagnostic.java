package dev.kwam.dsl.diag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One error as a product: its class and stable code, the file and span it points at (the offending
 * value, not the schema), what went wrong, what would have been accepted, and how to fix it.
 */
public record Diagnostic(DiagnosticCode code, SourceFile source, Span span, String message, List<String> expected,
                         Optional<String> hint) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        expected = List.copyOf(expected);
        Objects.requireNonNull(hint, "hint");
        if (span.end() > source.length()) {
            throw new IllegalArgumentException("span " + span + " lies outside " + source);
        }
    }

    public DiagnosticClass diagnosticClass() {
        return code.diagnosticClass();
    }

    public Position start() {
        return source.position(span.start());
    }

    /** Where the span ends (exclusive): the column just after its last character. */
    public Position end() {
        return source.position(span.end());
    }

    /** {@code policy.kwam:12:3: error[KW-P020] unknown key 'facter' in replicate block}. */
    public String headline() {
        return source.name() + ":" + start() + ": error[" + code.id() + "] " + message;
    }
}
