package dev.kwam.dsl.lower;

import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The units a guarded ternary may compare. Two values compare only within one unit: a duration with
 * a duration (in milliseconds), a size with a size (in bytes), counts and numbers with each other.
 * Strings, booleans and names compare for equality only.
 */
final class Scalars {

    enum Unit { DURATION, SIZE, PERCENT, NINES, NUMBER, STRING, BOOL, NAME }

    record Scalar(Unit unit, Optional<BigDecimal> magnitude, String text) {
    }

    private Scalars() {
    }

    static Optional<Scalar> of(Expr e) {
        if (e instanceof Literal.DurationLit d) {
            return ordered(Unit.DURATION, BigDecimal.valueOf(d.duration().toMillis()));
        } else if (e instanceof Literal.SizeLit s) {
            return ordered(Unit.SIZE, BigDecimal.valueOf(s.amount()).multiply(BigDecimal.valueOf(2).pow(s.unit().shift())));
        } else if (e instanceof Literal.PercentLit p) {
            return ordered(Unit.PERCENT, p.value());
        } else if (e instanceof Literal.NinesLit n) {
            return ordered(Unit.NINES, BigDecimal.valueOf(n.nines()));
        } else if (e instanceof Literal.IntLit i) {
            return ordered(Unit.NUMBER, BigDecimal.valueOf(i.value()));
        } else if (e instanceof Literal.CountLit c) {
            return ordered(Unit.NUMBER, BigDecimal.valueOf(c.count()));
        } else if (e instanceof Literal.FloatLit f) {
            return ordered(Unit.NUMBER, f.value());
        } else if (e instanceof Literal.StringLit s) {
            return Optional.of(new Scalar(Unit.STRING, Optional.empty(), s.value()));
        } else if (e instanceof Literal.BoolLit b) {
            return Optional.of(new Scalar(Unit.BOOL, Optional.empty(), Boolean.toString(b.value())));
        } else if (e instanceof Expr.Symbol s) {
            return Optional.of(new Scalar(Unit.NAME, Optional.empty(), s.text()));
        }
        return Optional.empty();
    }

    private static Optional<Scalar> ordered(Unit unit, BigDecimal magnitude) {
        return Optional.of(new Scalar(unit, Optional.of(magnitude), magnitude.toPlainString()));
    }

    static String unitName(Unit u) {
        return u.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Empty when {@code op} is an ordering and the unit has no order; the caller reports it. */
    static Optional<Boolean> compare(Scalar a, Expr.Comparison.Operator op, Scalar b) {
        if (op == Expr.Comparison.Operator.EQ || op == Expr.Comparison.Operator.NE) {
            boolean equal = a.magnitude().isPresent() ? a.magnitude().get().compareTo(b.magnitude().get()) == 0
                    : a.text().equals(b.text());
            return Optional.of(op == Expr.Comparison.Operator.EQ == equal);
        }
        if (a.magnitude().isEmpty()) {
            return Optional.empty();
        }
        int c = a.magnitude().get().compareTo(b.magnitude().get());
        switch (op) {
            case LT:
                return Optional.of(c < 0);
            case LE:
                return Optional.of(c <= 0);
            case GT:
                return Optional.of(c > 0);
            default:
                return Optional.of(c >= 0);
        }
    }
}
