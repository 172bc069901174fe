package dev.kwam.dsl.parse;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.syntax.Program;
import java.util.List;
import java.util.Optional;

/** Either a well-formed program or at least one diagnostic; never both, never neither, never null. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Failed {

    SourceFile source();

    /** Empty for {@link Failed}. */
    Optional<Program> program();

    /** Empty for {@link Parsed}. */
    List<Diagnostic> diagnostics();

    default boolean ok() {
        return this instanceof Parsed;
    }

    record Parsed(SourceFile source, Program tree) implements ParseResult {
        @Override
        public Optional<Program> program() {
            return Optional.of(tree);
        }

        @Override
        public List<Diagnostic> diagnostics() {
            return List.of();
        }
    }

    record Failed(SourceFile source, List<Diagnostic> diagnostics) implements ParseResult {
        public Failed {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.isEmpty()) {
                throw new IllegalArgumentException("a failed parse has at least one diagnostic");
            }
        }

        @Override
        public Optional<Program> program() {
            return Optional.empty();
        }
    }
}
