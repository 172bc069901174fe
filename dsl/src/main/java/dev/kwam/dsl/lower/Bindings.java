package dev.kwam.dsl.lower;

import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.diag.Suggestions;
import dev.kwam.dsl.syntax.Declarations;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values in scope and the evaluator of expressions: {@code let} bindings, symbols hoisted by
 * {@code use}, module exports ({@code ${fd.h100}}), interpolation and the guarded ternary.
 *
 * <p>Total: a binding is evaluated at most once, and a binding met again while it is being evaluated
 * is a cycle (KW-L002), so evaluation visits each binding once and each expression once. A value that
 * failed yields empty, and its users stay silent: one diagnostic per root cause.
 */
final class Bindings {

    private final Map<String, Declarations.Let> lets = new LinkedHashMap<>();
    /** alias → export name → value (spans in the module's own file until used). */
    private final Map<String, Map<String, Expr>> modules;
    /** hoisted name → value, from {@code use alias.name}. */
    private final Map<String, Expr> hoisted;
    private final Diagnostics diagnostics;
    private final Set<String> refusedModules;
    private final Map<String, Expr> done = new LinkedHashMap<>();
    private final Set<String> failed = new HashSet<>();

    Bindings(List<Declarations.Let> lets, Map<String, Map<String, Expr>> modules, Set<String> refusedModules,
             Map<String, Expr> hoisted, Diagnostics diagnostics) {
        this.refusedModules = Set.copyOf(refusedModules);
        lets.forEach(l -> this.lets.put(l.name().text(), l));
        this.modules = modules;
        this.hoisted = hoisted;
        this.diagnostics = diagnostics;
    }

    /** Every let binding evaluated, in declaration order; those that failed are left out. */
    Map<String, Expr> evaluateAll() {
        for (String name : lets.keySet()) {
            let(name, lets.get(name).name().span(), new ArrayDeque<>());
        }
        return Map.copyOf(done);
    }

    /** {@code e} with every interpolation substituted and every ternary decided; empty after an error. */
    Optional<Expr> evaluate(Expr e) {
        return evaluate(e, new ArrayDeque<>());
    }

    private Optional<Expr> evaluate(Expr e, Deque<String> stack) {
        if (e instanceof Literal || e instanceof Expr.Symbol) {
            return Optional.of(e);
        }
        if (e instanceof Expr.ListExpr l) {
            List<Expr> out = new ArrayList<>();
            boolean ok = true;
            for (Expr x : l.elements()) {
                Optional<Expr> v = evaluate(x, stack);
                ok &= v.isPresent();
                v.ifPresent(out::add);
            }
            return ok ? Optional.of(new Expr.ListExpr(l.span(), out)) : Optional.empty();
        }
        if (e instanceof Expr.MapExpr m) {
            List<Expr.MapExpr.Entry> out = new ArrayList<>();
            boolean ok = true;
            for (Expr.MapExpr.Entry x : m.entries()) {
                Optional<Expr> v = evaluate(x.value(), stack);
                ok &= v.isPresent();
                v.ifPresent(value -> out.add(new Expr.MapExpr.Entry(x.span(), x.key(), value)));
            }
            return ok ? Optional.of(new Expr.MapExpr(m.span(), out)) : Optional.empty();
        }
        if (e instanceof Expr.Interpolation i) {
            Optional<Expr> v = i.inner() instanceof Expr.Symbol s ? resolve(s, stack) : evaluate(i.inner(), stack);
            return v.map(value -> Respan.to(value, i.span()));
        }
        if (e instanceof Expr.Comparison c) {
            return compare(c, stack).map(b -> new Literal.BoolLit(c.span(), b));
        }
        Expr.Conditional c = (Expr.Conditional) e;
        Optional<Boolean> condition = compare(c.condition(), stack);
        if (condition.isEmpty()) {
            return Optional.empty();
        }
        // Only the branch taken is evaluated: the other may legitimately name what this file lacks.
        return evaluate(condition.get() ? c.then() : c.otherwise(), stack);
    }

    private Optional<Boolean> compare(Expr.Comparison c, Deque<String> stack) {
        Optional<Expr> left = evaluate(c.left(), stack);
        Optional<Expr> right = evaluate(c.right(), stack);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        Optional<Scalars.Scalar> a = Scalars.of(left.get());
        Optional<Scalars.Scalar> b = Scalars.of(right.get());
        if (a.isEmpty() || b.isEmpty()) {
            Span at = a.isEmpty() ? c.left().span() : c.right().span();
            diagnostics.error(LoweringCode.COMPARISON_UNITS, at, "only scalars can be compared; this side is "
                    + (left.get() instanceof Expr.ListExpr || right.get() instanceof Expr.ListExpr ? "a list" : "a map"),
                    "compare durations, sizes, percentages, nines, numbers, strings or names");
            return Optional.empty();
        }
        if (a.get().unit() != b.get().unit()) {
            diagnostics.error(LoweringCode.COMPARISON_UNITS, c.span(), "cannot compare a " + Scalars.unitName(a.get().unit())
                    + " with a " + Scalars.unitName(b.get().unit()) + " ('" + c.operator().symbol() + "')",
                    "both sides of a comparison must have the same unit, e.g. 30m < 1h or 4kb <= 1mb");
            return Optional.empty();
        }
        Optional<Boolean> result = Scalars.compare(a.get(), c.operator(), b.get());
        if (result.isEmpty()) {
            diagnostics.error(LoweringCode.COMPARISON_UNITS, c.span(), "a " + Scalars.unitName(a.get().unit())
                    + " has no order; '" + c.operator().symbol() + "' needs durations, sizes, percentages, nines or numbers",
                    "use == or != to compare " + Scalars.unitName(a.get().unit()) + "s");
        }
        return result;
    }

    private Optional<Expr> resolve(Expr.Symbol s, Deque<String> stack) {
        if (s.simple()) {
            String name = s.text();
            if (lets.containsKey(name)) {
                return let(name, s.span(), stack);
            }
            if (hoisted.containsKey(name)) {
                return Optional.of(hoisted.get(name));
            }
            List<String> known = new ArrayList<>(lets.keySet());
            known.addAll(hoisted.keySet());
            diagnostics.error(LoweringCode.UNKNOWN_BINDING, s.span(), "'" + name + "' is not a let binding or a hoisted symbol",
                    known, Suggestions.didYouMean(name, known).orElse("declare it: let " + name + " = …"));
            return Optional.empty();
        }
        String alias = s.path().get(0);
        Map<String, Expr> exports = modules.get(alias);
        if (exports == null && refusedModules.contains(alias)) {
            return Optional.empty(); // the refused import is the root cause, already reported
        }
        if (exports == null) {
            diagnostics.error(LoweringCode.UNKNOWN_BINDING, s.span(), "'" + alias + "' is not an imported module",
                    List.copyOf(modules.keySet()), Suggestions.didYouMean(alias, modules.keySet())
                            .orElse("import it first: import \"std/faultdomains\" as " + alias));
            return Optional.empty();
        }
        String member = String.join(".", s.path().subList(1, s.path().size()));
        Expr value = exports.get(member);
        if (value == null) {
            diagnostics.error(LoweringCode.UNKNOWN_EXPORT, s.span(), "module '" + alias + "' exports no '" + member + "'",
                    List.copyOf(exports.keySet()), Suggestions.didYouMean(member, exports.keySet())
                            .orElse("it exports: " + String.join(", ", exports.keySet())));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private Optional<Expr> let(String name, Span usedAt, Deque<String> stack) {
        if (done.containsKey(name)) {
            return Optional.of(done.get(name));
        }
        if (failed.contains(name)) {
            return Optional.empty();
        }
        if (stack.contains(name)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (var it = stack.descendingIterator(); it.hasNext(); ) {
                String n = it.next();
                in |= n.equals(name);
                if (in) {
                    cycle.add(n);
                    failed.add(n);
                }
            }
            cycle.add(name);
            diagnostics.error(LoweringCode.BINDING_CYCLE, usedAt, "let '" + name + "' depends on itself: "
                    + String.join(" → ", cycle), "a binding may use only bindings that do not, in turn, use it; "
                    + "write one of them as a literal");
            return Optional.empty();
        }
        stack.push(name);
        Optional<Expr> value = evaluate(lets.get(name).value(), stack);
        stack.pop();
        if (value.isPresent() && !failed.contains(name)) {
            done.put(name, value.get());
        } else {
            failed.add(name);
        }
        return failed.contains(name) ? Optional.empty() : value;
    }
}
