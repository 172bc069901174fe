package dev.kwam.dsl.parse;

import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.lex.Token;
import dev.kwam.dsl.lex.TokenKind;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values: literals, names, lists, map literals, {@code ${…}}, one comparison, and the guarded
 * ternary. Recursion is bounded by {@link PolicyParser#MAX_DEPTH}, so no input can overflow the
 * stack. A group ({@code [ ]}, {@code { }}, {@code ${ }}) that fails is skipped to its own close
 * before the failure travels on, so one bad element costs one diagnostic.
 */
final class ExpressionParser {
    private final TokenCursor in;

    ExpressionParser(TokenCursor in) {
        this.in = in;
    }

    Expr parse(int depth) {
        Expr left = operand(depth);
        Expr.Comparison.Operator op = operator(in.peek().kind());
        if (op != null) {
            in.advance();
            Expr right = operand(depth);
            left = new Expr.Comparison(left.span().to(right.span()), left, op, right);
        }
        if (in.at(TokenKind.QUESTION)) {
            Token question = in.peek();
            if (!(left instanceof Expr.Comparison condition)) {
                in.error(ParseCode.CONDITION_NOT_COMPARISON, left.span(),
                        "the condition of '? :' must be a comparison", List.of("==", "!=", "<", "<=", ">", ">="),
                        "compare two values of the same unit, e.g. ${window} > 1h ? 5m : 1m");
                throw new Abandon(false);
            }
            in.advance();
            Expr then = parse(depth + 1);
            Token colon = in.peek();
            if (colon.kind() != TokenKind.COLON) {
                in.error(ParseCode.SYNTAX, colon.span(), "expected ':' of the '?' at " + in.source().position(question.start())
                                + ", found " + in.describe(colon), List.of("':'"),
                        "write 'condition ? then : otherwise' with spaces around ':'");
                throw new Abandon(false);
            }
            in.advance();
            Expr otherwise = parse(depth + 1);
            return new Expr.Conditional(left.span().to(otherwise.span()), condition, then, otherwise);
        }
        return left;
    }

    private static Expr.Comparison.Operator operator(TokenKind k) {
        switch (k) {
            case EQ:
                return Expr.Comparison.Operator.EQ;
            case NE:
                return Expr.Comparison.Operator.NE;
            case LT:
                return Expr.Comparison.Operator.LT;
            case LE:
                return Expr.Comparison.Operator.LE;
            case GT:
                return Expr.Comparison.Operator.GT;
            case GE:
                return Expr.Comparison.Operator.GE;
            default:
                return null;
        }
    }

    private Expr operand(int depth) {
        Token t = in.peek();
        if (depth > PolicyParser.MAX_DEPTH) {
            in.error(ParseCode.TOO_DEEP, t.span(), "values nest deeper than " + PolicyParser.MAX_DEPTH + " levels", List.of(),
                    "flatten the value; a policy is configuration, not a data structure");
            throw new Abandon(false);
        }
        switch (t.kind()) {
            case LITERAL:
            case STRING:
                in.advance();
                return t.literal();
            case IDENT:
            case PATH:
                in.advance();
                return new Expr.Symbol(t.span(), Arrays.asList(in.text(t).split("\\.")));
            case LBRACKET:
                return list(depth);
            case LBRACE:
                return map(depth);
            case DOLLAR_LBRACE:
                return interpolation(depth);
            case ERROR:
                throw new Abandon(false);
            default:
                in.error(ParseCode.SYNTAX, t.span(), "expected a value, found " + in.describe(t), List.of(),
                        t.kind() == TokenKind.NEWLINE || t.kind() == TokenKind.EOF
                                ? "write the value on the same line as its key" : "values are literals, names, [lists], { maps } or ${…}");
                throw new Abandon(false);
        }
    }

    private Expr list(int depth) {
        Token open = in.advance();
        List<Expr> elements = new ArrayList<>();
        try {
            in.skipNewlines();
            while (!in.at(TokenKind.RBRACKET)) {
                elements.add(parse(depth + 1));
                boolean brokeLine = in.at(TokenKind.NEWLINE);
                in.skipNewlines();
                Token t = in.peek();
                if (t.kind() == TokenKind.COMMA) {
                    in.advance();
                    in.skipNewlines();
                } else if (t.kind() != TokenKind.RBRACKET) {
                    unclosedOrUnexpected(open, t, brokeLine, "','", "']'");
                }
            }
        } catch (Abandon a) {
            if (!a.atLineStart) {
                in.skipPastClose(TokenKind.RBRACKET, false);
            }
            throw new Abandon(a.atLineStart);
        }
        Token close = in.advance();
        return new Expr.ListExpr(new Span(open.start(), close.end()), elements);
    }

    private Expr map(int depth) {
        Token open = in.advance();
        List<Expr.MapExpr.Entry> entries = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        try {
            in.skipNewlines();
            while (!in.at(TokenKind.RBRACE)) {
                Token key = in.peek();
                if (key.kind() == TokenKind.IDENT) {
                    in.error(ParseCode.AMBIGUOUS_BRACE, key.span(),
                            "'{' in value position starts a map literal, whose keys are quoted strings; " + in.describe(key)
                                    + " is a bare name",
                            List.of("a quoted key"), "quote the key (\"" + in.text(key) + "\"), or, if you meant a nested block,"
                                    + " check the key before '{': only keys the block's schema declares as blocks take { … }");
                    throw new Abandon(false);
                }
                if (key.kind() != TokenKind.STRING) {
                    if (key.kind() == TokenKind.EOF) {
                        unclosedOrUnexpected(open, key, false, "a quoted key", "'}'");
                    }
                    if (key.kind() == TokenKind.ERROR) {
                        throw new Abandon(false);
                    }
                    in.error(ParseCode.SYNTAX, key.span(), "expected a quoted map key or '}', found " + in.describe(key),
                            List.of("a quoted key", "'}'"), "a map literal is { \"key\" value, \"key\" value }");
                    throw new Abandon(false);
                }
                in.advance();
                Literal.StringLit keyLit = (Literal.StringLit) key.literal();
                Span first = seen.putIfAbsent(keyLit.value(), key.span());
                if (first != null) {
                    in.error(ParseCode.DUPLICATE_KEY, key.span(), "map key " + in.describe(key) + " appears twice (first at "
                            + in.source().position(first.start()) + ")", List.of(), "remove one; which value wins would be a guess");
                }
                Expr value = parse(depth + 1);
                entries.add(new Expr.MapExpr.Entry(key.span().to(value.span()), keyLit, value));
                boolean brokeLine = in.at(TokenKind.NEWLINE);
                in.skipNewlines();
                Token t = in.peek();
                if (t.kind() == TokenKind.COMMA) {
                    in.advance();
                    in.skipNewlines();
                } else if (t.kind() != TokenKind.RBRACE && !brokeLine) {
                    unclosedOrUnexpected(open, t, false, "','", "'}'");
                }
            }
        } catch (Abandon a) {
            if (!a.atLineStart) {
                in.skipPastClose(TokenKind.RBRACE, false);
            }
            throw new Abandon(a.atLineStart);
        }
        Token close = in.advance();
        return new Expr.MapExpr(new Span(open.start(), close.end()), entries);
    }

    private Expr interpolation(int depth) {
        Token open = in.advance();
        try {
            if (in.at(TokenKind.RBRACE)) {
                in.error(ParseCode.SYNTAX, open.span().to(in.peek().span()), "'${}' interpolates nothing", List.of("a name"),
                        "write ${name} with a let binding or an imported symbol");
                throw new Abandon(false);
            }
            Expr inner = parse(depth + 1);
            Token close = in.peek();
            if (close.kind() != TokenKind.RBRACE) {
                if (close.kind() == TokenKind.NEWLINE || close.kind() == TokenKind.EOF) {
                    in.error(ParseCode.UNCLOSED, open.span(), "this '${' is not closed on its line", List.of("'}'"),
                            "close it: ${" + in.source().slice(inner.span()) + "}");
                } else if (close.kind() != TokenKind.ERROR) {
                    in.error(ParseCode.SYNTAX, close.span(), "expected '}' to close '${', found " + in.describe(close),
                            List.of("'}'"), "an interpolation holds one expression: ${name}");
                }
                throw new Abandon(false);
            }
            in.advance();
            return new Expr.Interpolation(new Span(open.start(), close.end()), inner);
        } catch (Abandon a) {
            if (!a.atLineStart) {
                in.skipPastClose(TokenKind.RBRACE, true);
            }
            throw new Abandon(a.atLineStart);
        }
    }

    /**
     * Inside a group, after an element: a newline followed by something that is not the next
     * element's separator means the group was never closed; the next line is left for the block
     * body to parse.
     */
    private void unclosedOrUnexpected(Token open, Token t, boolean brokeLine, String separator, String close) {
        if (t.kind() == TokenKind.EOF || brokeLine) {
            in.error(ParseCode.UNCLOSED, open.span(), "this " + in.describe(open) + " is not closed", List.of(close),
                    "close it with " + close + "; elements spanning lines need " + separator + " between them");
            throw new Abandon(true);
        }
        if (t.kind() == TokenKind.ERROR) {
            throw new Abandon(false);
        }
        in.error(ParseCode.SYNTAX, t.span(), "expected " + separator + " or " + close + ", found " + in.describe(t),
                List.of(separator, close), "separate elements with ','");
        throw new Abandon(false);
    }
}
