package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;
import java.util.List;
import java.util.Optional;

/** A brace-delimited list of directives, in source order, each key at most once. */
public record Body(Span span, List<Directive> directives) implements Node {

    public Body {
        directives = List.copyOf(directives);
    }

    public Optional<Directive> find(String key) {
        for (Directive d : directives) {
            if (d.key().text().equals(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
