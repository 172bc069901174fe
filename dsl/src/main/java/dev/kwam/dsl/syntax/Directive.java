package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;
import java.util.List;

/** One line of a block body: {@code key value}, {@code key { … }}, or a keyed group such as {@code grants}. */
public sealed interface Directive extends Node permits Directive.Setting, Directive.NestedBlock, Directive.KeyedBlocks {

    Name key();

    /** {@code factor 3}. */
    record Setting(Span span, Name key, Expr value) implements Directive {
    }

    /** {@code codec { … }}: only where the enclosing schema declares {@code key} a block. */
    record NestedBlock(Span span, Name key, Body body) implements Directive {
    }

    /**
     * {@code grants { "spiffe://…/*" { … } … }}: a string-keyed map whose values are block bodies,
     * each checked against the same nested schema.
     */
    record KeyedBlocks(Span span, Name key, List<Entry> entries) implements Directive {
        public KeyedBlocks {
            entries = List.copyOf(entries);
        }

        public record Entry(Span span, Literal.StringLit key, Body body) implements Node {
        }
    }
}
