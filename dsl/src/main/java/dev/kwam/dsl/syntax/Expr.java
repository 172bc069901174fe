package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;
import java.util.List;

/**
 * A value as written. The parser checks shapes and literal forms; what a {@link Symbol} refers to
 * and what an {@link Interpolation} evaluates to is the lowering phase's business.
 */
public sealed interface Expr extends Node
        permits Literal, Expr.Symbol, Expr.ListExpr, Expr.MapExpr, Expr.Interpolation, Expr.Comparison, Expr.Conditional {

    /**
     * A bare name or dotted path ({@code gossip}, {@code trust_root}, {@code fd.h100},
     * {@code fleet.h100_pool}): an enum member, a reference to a block or an imported symbol, or a
     * host name, decided by the key's schema.
     */
    record Symbol(Span span, List<String> path) implements Expr {
        public Symbol {
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("a symbol has at least one segment");
            }
        }

        public String text() {
            return String.join(".", path);
        }

        public boolean simple() {
            return path.size() == 1;
        }
    }

    /** {@code [a, b, c]}. */
    record ListExpr(Span span, List<Expr> elements) implements Expr {
        public ListExpr {
            elements = List.copyOf(elements);
        }
    }

    /** A map literal: a {@code {} in value position whose entries are {@code "string-key" value}. */
    record MapExpr(Span span, List<Entry> entries) implements Expr {
        public MapExpr {
            entries = List.copyOf(entries);
        }

        public record Entry(Span span, Literal.StringLit key, Expr value) implements Node {
        }
    }

    /** {@code ${expr}}: the value of a let binding or imported symbol, substituted by lowering. */
    record Interpolation(Span span, Expr inner) implements Expr {
    }

    /** {@code left op right}; lowering checks both sides are scalars of the same unit. */
    record Comparison(Span span, Expr left, Operator operator, Expr right) implements Expr {
        public enum Operator {
            EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

            private final String symbol;

            Operator(String symbol) {
                this.symbol = symbol;
            }

            public String symbol() {
                return symbol;
            }
        }
    }

    /** The guarded ternary {@code comparison ? then : otherwise}; the guard is always a comparison. */
    record Conditional(Span span, Comparison condition, Expr then, Expr otherwise) implements Expr {
    }
}
