package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.syntax.Literal;

/**
 * One token: its kind, its text as {@code [start, end)} offsets, and for {@link TokenKind#LITERAL}
 * and {@link TokenKind#STRING} the decoded literal ({@code literal} is null for every other kind).
 */
public record Token(TokenKind kind, int start, int end, Literal literal) {

    public Span span() {
        return new Span(start, end);
    }

    boolean is(TokenKind k) {
        return kind == k;
    }
}
