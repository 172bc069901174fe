package dev.kwam.dsl.fmt;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.SourceFile;
import java.util.List;

/** The canonical text of a well-formed file, or the diagnostics that make formatting it impossible. */
public sealed interface FormatResult permits FormatResult.Formatted, FormatResult.Refused {

    /** {@code text} is canonical; {@code changed} says whether it differs from the source. */
    record Formatted(SourceFile source, String text) implements FormatResult {
        public boolean changed() {
            return !text.equals(source.text());
        }
    }

    /** The file does not parse: nothing is formatted, nothing may be written. */
    record Refused(SourceFile source, List<Diagnostic> diagnostics) implements FormatResult {
        public Refused {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
