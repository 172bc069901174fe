package dev.kwam.dsl;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.policy.Policy;
import java.util.List;
import java.util.Optional;

/** Either a valid {@link Policy} or at least one diagnostic; never both, never neither, never null. */
public sealed interface CompileResult permits CompileResult.Compiled, CompileResult.Refused {

    SourceFile source();

    Optional<Policy> policy();

    List<Diagnostic> diagnostics();

    default boolean ok() {
        return this instanceof Compiled;
    }

    record Compiled(SourceFile source, Policy value) implements CompileResult {
        @Override
        public Optional<Policy> policy() {
            return Optional.of(value);
        }

        @Override
        public List<Diagnostic> diagnostics() {
            return List.of();
        }
    }

    record Refused(SourceFile source, List<Diagnostic> diagnostics) implements CompileResult {
        public Refused {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.isEmpty()) {
                throw new IllegalArgumentException("a refused compilation has at least one diagnostic");
            }
        }

        @Override
        public Optional<Policy> policy() {
            return Optional.empty();
        }
    }
}
