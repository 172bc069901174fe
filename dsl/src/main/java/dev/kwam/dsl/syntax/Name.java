package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;

/** An identifier where the program names something: a key, a block, a let binding, an import alias. */
public record Name(Span span, String text) implements Node {
}
