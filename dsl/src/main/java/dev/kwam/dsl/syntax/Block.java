package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;

/** {@code replicate code_and_data { … }}: one of the nine top-level declarations. */
public record Block(Span span, BlockKind kind, Name name, Body body) implements Node {
}
