package dev.kwam.dsl.lower;

import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.syntax.Body;
import dev.kwam.dsl.syntax.Directive;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A block body after evaluation: every value with its interpolations substituted and ternaries
 * decided. A key whose value failed to evaluate is absent from {@code values} (its error is already
 * reported), so rules that read it stay silent rather than report an echo.
 */
record LoweredBody(Body syntax, Map<String, Expr> values, Map<String, LoweredBody> nested,
                   Map<String, List<Entry>> keyed) {

    record Entry(Literal.StringLit key, LoweredBody body) {
    }

    LoweredBody {
        values = Map.copyOf(values);
        nested = Map.copyOf(nested);
        keyed = Map.copyOf(keyed);
    }

    boolean written(String key) {
        return syntax.find(key).isPresent();
    }

    Optional<Expr> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    Optional<LoweredBody> block(String key) {
        return Optional.ofNullable(nested.get(key));
    }

    /** The span to point at for {@code key}: its value, else the key, else the whole body. */
    Span spanOf(String key) {
        Expr v = values.get(key);
        if (v != null) {
            return v.span();
        }
        return syntax.find(key).map(d -> d instanceof Directive.Setting s ? s.value().span() : d.key().span())
                .orElse(syntax.span());
    }

    Optional<Duration> duration(String key) {
        return get(key).filter(Literal.DurationLit.class::isInstance).map(v -> ((Literal.DurationLit) v).duration());
    }

    OptionalLong size(String key) {
        Optional<Expr> v = get(key).filter(Literal.SizeLit.class::isInstance);
        return v.isPresent() ? OptionalLong.of(((Literal.SizeLit) v.get()).bytes()) : OptionalLong.empty();
    }

    /** A whole number or a count ({@code 3}, {@code 8x}). */
    OptionalLong integer(String key) {
        Optional<Expr> v = get(key);
        if (v.isPresent() && v.get() instanceof Literal.IntLit i) {
            return OptionalLong.of(i.value());
        }
        if (v.isPresent() && v.get() instanceof Literal.CountLit c) {
            return OptionalLong.of(c.count());
        }
        return OptionalLong.empty();
    }

    Optional<BigDecimal> percent(String key) {
        return get(key).filter(Literal.PercentLit.class::isInstance).map(v -> ((Literal.PercentLit) v).value());
    }

    Optional<Boolean> bool(String key) {
        return get(key).filter(Literal.BoolLit.class::isInstance).map(v -> ((Literal.BoolLit) v).value());
    }

    /** A name or enum member as written: a symbol's text, or a quoted member's value. */
    Optional<String> word(String key) {
        return get(key).flatMap(LoweredBody::wordOf);
    }

    Optional<String> string(String key) {
        return get(key).filter(Literal.StringLit.class::isInstance).map(v -> ((Literal.StringLit) v).value());
    }

    List<Expr> list(String key) {
        return get(key).filter(Expr.ListExpr.class::isInstance).map(v -> ((Expr.ListExpr) v).elements()).orElse(List.of());
    }

    static Optional<String> wordOf(Expr e) {
        if (e instanceof Expr.Symbol s) {
            return Optional.of(s.text());
        }
        if (e instanceof Literal.StringLit s) {
            return Optional.of(s.value());
        }
        if (e instanceof Literal.HostLit h) {
            return Optional.of(h.text());
        }
        return Optional.empty();
    }
}
