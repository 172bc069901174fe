package dev.kwam.dsl.schema;

import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.diag.Suggestions;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a value's shape against its key's {@link KeySpec} as far as the text tells: the right
 * literal form and unit, a list where a list belongs, a member of a closed enumeration. What
 * {@code ${…}} holds, what a name refers to and numeric ranges are left to lowering.
 */
public final class KindCheck {

    /** One problem, pointing at the offending value (or list element), not at the key. */
    public record Mismatch(ParseCode code, Span span, String message, List<String> expected, Optional<String> hint) {
    }

    private KindCheck() {
    }

    public static List<Mismatch> check(KeySpec spec, Expr value, SourceFile source) {
        List<Mismatch> out = new ArrayList<>();
        shape(spec, value, source, out);
        return out;
    }

    private static void shape(KeySpec spec, Expr value, SourceFile source, List<Mismatch> out) {
        if (value instanceof Expr.Interpolation) {
            return;
        }
        if (value instanceof Expr.Conditional c) {
            shape(spec, c.then(), source, out);
            shape(spec, c.otherwise(), source, out);
            return;
        }
        if (spec.list()) {
            if (value instanceof Expr.ListExpr l) {
                for (Expr e : l.elements()) {
                    element(spec, e, source, out);
                }
            } else {
                out.add(wrong(spec, value, source, "'" + spec.name() + "' takes " + spec.describe() + ", not "
                        + describe(value, source), "write a list: [" + source.slice(value.span()) + "]"));
            }
            return;
        }
        if (value instanceof Expr.ListExpr) {
            out.add(wrong(spec, value, source, "'" + spec.name() + "' takes " + spec.describe() + ", not a list",
                    "write a single value, e.g. " + spec.name() + " " + spec.example()));
            return;
        }
        element(spec, value, source, out);
    }

    private static void element(KeySpec spec, Expr e, SourceFile source, List<Mismatch> out) {
        if (e instanceof Expr.Interpolation) {
            return;
        }
        if (e instanceof Expr.Conditional c) {
            element(spec, c.then(), source, out);
            element(spec, c.otherwise(), source, out);
            return;
        }
        if (spec.kind() == ValueKind.ENUM) {
            member(spec, e, source, out);
            return;
        }
        if (!accepts(spec, e)) {
            String hint = "write " + spec.kind().description() + ", e.g. " + spec.kind().example();
            if (e instanceof Literal.IntLit && unitKind(spec.kind())) {
                hint = "add a unit: " + source.slice(e.span()) + unitExample(spec.kind());
            }
            if (spec.kind() == ValueKind.REFERENCE && e instanceof Expr.Symbol s && !s.simple()) {
                hint = "block names are single names, without dots";
            }
            out.add(wrong(spec, e, source, "'" + spec.name() + "' takes " + describeOne(spec) + ", not "
                    + describe(e, source), hint));
        }
    }

    private static boolean accepts(KeySpec spec, Expr e) {
        switch (spec.kind()) {
            case STRING:
                return e instanceof Literal.StringLit;
            case INT:
                return e instanceof Literal.IntLit;
            case NUMBER:
                return e instanceof Literal.IntLit || e instanceof Literal.FloatLit;
            case COUNT:
                return e instanceof Literal.IntLit || e instanceof Literal.CountLit;
            case BOOL:
                return e instanceof Literal.BoolLit || e instanceof Expr.Comparison;
            case DURATION:
                return e instanceof Literal.DurationLit;
            case SIZE:
                return e instanceof Literal.SizeLit;
            case PERCENT:
                return e instanceof Literal.PercentLit;
            case NINES:
                return e instanceof Literal.NinesLit;
            case SCALAR:
                return e instanceof Literal.IntLit || e instanceof Literal.FloatLit || e instanceof Literal.CountLit
                        || e instanceof Literal.DurationLit || e instanceof Literal.SizeLit || e instanceof Literal.PercentLit
                        || e instanceof Literal.NinesLit || e instanceof Literal.BoolLit;
            case CIDR:
                return e instanceof Literal.CidrLit;
            case HOST:
                return e instanceof Literal.HostLit || e instanceof Expr.Symbol || e instanceof Literal.StringLit;
            case IDENTITY:
            case IDENTITY_PATTERN:
                return e instanceof Literal.IdentityLit;
            case SECRET:
                return e instanceof Literal.SecretRef;
            case GRANT:
                return e instanceof Literal.GrantRef;
            case SYMBOL:
                return e instanceof Expr.Symbol;
            case REFERENCE:
                return e instanceof Expr.Symbol s && s.simple();
            case MAP:
                return e instanceof Expr.MapExpr;
            default:
                return false;
        }
    }

    private static void member(KeySpec spec, Expr e, SourceFile source, List<Mismatch> out) {
        String word;
        if (e instanceof Expr.Symbol s && s.simple()) {
            word = s.text();
        } else if (e instanceof Literal.StringLit str) {
            word = str.value();
        } else {
            out.add(wrong(spec, e, source, "'" + spec.name() + "' takes " + describeOne(spec) + ", not " + describe(e, source),
                    "write one of: " + String.join(", ", spec.members())));
            return;
        }
        if (!spec.members().contains(word)) {
            String hint = Suggestions.didYouMean(word, spec.members())
                    .orElse("the set is closed: an unknown member is an error, never a default");
            out.add(new Mismatch(ParseCode.UNKNOWN_MEMBER, e.span(),
                    "'" + word + "' is not " + (spec.list() ? "a member" : "one") + " of the values '" + spec.name() + "' accepts",
                    spec.members(), Optional.of(hint)));
        }
    }

    private static boolean unitKind(ValueKind k) {
        return k == ValueKind.DURATION || k == ValueKind.SIZE || k == ValueKind.PERCENT || k == ValueKind.NINES;
    }

    private static String unitExample(ValueKind k) {
        switch (k) {
            case DURATION:
                return "s (or ms, m, h, d)";
            case SIZE:
                return "mb (or b, kb, gb, tb)";
            case PERCENT:
                return "%";
            default:
                return "nines";
        }
    }

    private static String describeOne(KeySpec spec) {
        if (spec.kind() == ValueKind.REFERENCE) {
            return "the name of a " + spec.target().orElseThrow().keyword() + " block";
        }
        return spec.kind().description();
    }

    private static Mismatch wrong(KeySpec spec, Expr e, SourceFile source, String message, String hint) {
        return new Mismatch(ParseCode.WRONG_KIND, e.span(), message, List.of(), Optional.of(hint));
    }

    /** "a size ('4kb')": how a value reads in an error message. */
    static String describe(Expr e, SourceFile source) {
        String what;
        if (e instanceof Literal.StringLit) {
            what = "a string";
        } else if (e instanceof Literal.IntLit) {
            what = "a whole number";
        } else if (e instanceof Literal.FloatLit) {
            what = "a number";
        } else if (e instanceof Literal.BoolLit) {
            what = "a boolean";
        } else if (e instanceof Literal.DurationLit) {
            what = "a duration";
        } else if (e instanceof Literal.SizeLit) {
            what = "a size";
        } else if (e instanceof Literal.PercentLit) {
            what = "a percentage";
        } else if (e instanceof Literal.NinesLit) {
            what = "a number of nines";
        } else if (e instanceof Literal.CountLit) {
            what = "a count";
        } else if (e instanceof Literal.CidrLit) {
            what = "a CIDR";
        } else if (e instanceof Literal.HostLit) {
            what = "a host";
        } else if (e instanceof Literal.IdentityLit) {
            what = "a SPIFFE ID";
        } else if (e instanceof Literal.SecretRef) {
            return "a secret reference";
        } else if (e instanceof Literal.GrantRef) {
            return "a grant reference";
        } else if (e instanceof Expr.Symbol) {
            what = "the name";
        } else if (e instanceof Expr.ListExpr) {
            return "a list";
        } else if (e instanceof Expr.MapExpr) {
            return "a map";
        } else if (e instanceof Expr.Comparison) {
            return "a comparison";
        } else {
            return "an expression";
        }
        String text = source.slice(e.span());
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return what + " ('" + text + "')";
    }

    /**
     * Spans of the {@code *} of every SPIFFE pattern inside {@code e}. No value position accepts a
     * pattern; grant keys, the one place that does, are strings checked on their own.
     */
    public static List<Span> wildcards(Expr e, SourceFile source) {
        List<Span> out = new ArrayList<>();
        collectWildcards(e, source, out);
        return out;
    }

    private static void collectWildcards(Expr e, SourceFile source, List<Span> out) {
        if (e instanceof Literal.IdentityLit id && id.pattern()) {
            int at = source.slice(id.span()).indexOf("/*");
            out.add(at < 0 ? id.span() : new Span(id.span().start() + at + 1, id.span().start() + at + 2));
        } else if (e instanceof Expr.ListExpr l) {
            l.elements().forEach(x -> collectWildcards(x, source, out));
        } else if (e instanceof Expr.MapExpr m) {
            m.entries().forEach(x -> collectWildcards(x.value(), source, out));
        } else if (e instanceof Expr.Interpolation i) {
            collectWildcards(i.inner(), source, out);
        } else if (e instanceof Expr.Comparison c) {
            collectWildcards(c.left(), source, out);
            collectWildcards(c.right(), source, out);
        } else if (e instanceof Expr.Conditional c) {
            collectWildcards(c.condition(), source, out);
            collectWildcards(c.then(), source, out);
            collectWildcards(c.otherwise(), source, out);
        }
    }
}
