package dev.kwam.dsl.parse;

import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.diag.Suggestions;
import dev.kwam.dsl.identity.SpiffeIdPattern;
import dev.kwam.dsl.identity.SpiffeIdResult;
import dev.kwam.dsl.lex.Rejection;
import dev.kwam.dsl.lex.Token;
import dev.kwam.dsl.lex.TokenKind;
import dev.kwam.dsl.schema.BlockSchema;
import dev.kwam.dsl.schema.KeySpec;
import dev.kwam.dsl.schema.KindCheck;
import dev.kwam.dsl.schema.ValueKind;
import dev.kwam.dsl.syntax.Body;
import dev.kwam.dsl.syntax.Directive;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import dev.kwam.dsl.syntax.Name;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Block bodies against their closed schemas. This is where the reference's two disambiguation
 * rules live: a {@code {} after a key is a block body only when the schema declares that key a
 * block, and is a map literal otherwise; an unknown key is an error, never dropped.
 */
final class BodyParser {
    private final TokenCursor in;
    private final ExpressionParser expressions;

    BodyParser(TokenCursor in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    /** What the body belongs to, for messages ("replicate block 'code_and_data'") and where a missing key is reported. */
    record Owner(String title, Span reportAt) {
    }

    /** Parses {@code { … }} with the cursor on its '{'; always returns, having reported what was wrong. */
    Body body(BlockSchema schema, Owner owner, int depth) {
        Token open = in.advance();
        List<Directive> directives = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        Set<String> credited = new HashSet<>();
        boolean unclosed = false;
        if (depth > PolicyParser.MAX_DEPTH) {
            in.error(ParseCode.TOO_DEEP, open.span(), "blocks nest deeper than " + PolicyParser.MAX_DEPTH + " levels", List.of(), null);
            in.skipPastClose(TokenKind.RBRACE, false);
            return new Body(open.span(), List.of());
        }
        if (in.at(TokenKind.RBRACE)) {
            Token close = in.advance();
            requireKeys(schema, owner, seen, credited);
            return new Body(new Span(open.start(), close.end()), List.of());
        }
        if (!in.at(TokenKind.NEWLINE) && !in.at(TokenKind.EOF)) {
            Token t = in.peek();
            if (t.kind() != TokenKind.ERROR) {
                in.error(ParseCode.ONE_DIRECTIVE_PER_LINE, t.span(), "a block's directives start on the line after its '{'",
                        List.of(TokenKind.NEWLINE.describe()),
                        "one directive per line: break the line after '{', put each key and value on its own line, and '}' on the last");
            }
            credited.addAll(in.skipLine());
        }
        Token close;
        while (true) {
            in.skipNewlines();
            Token t = in.peek();
            if (t.kind() == TokenKind.RBRACE) {
                close = in.advance();
                break;
            }
            if (t.kind() == TokenKind.EOF) {
                in.error(ParseCode.UNCLOSED, open.span(), "the '{' of " + owner.title() + " is never closed", List.of("'}'"),
                        "add '}' on its own line after the last directive of " + owner.title());
                close = t;
                unclosed = true;
                break;
            }
            try {
                directive(schema, owner, depth, directives, seen, credited);
            } catch (Abandon a) {
                if (!a.atLineStart) {
                    credited.addAll(in.skipLine());
                }
            }
        }
        if (!unclosed) {
            requireKeys(schema, owner, seen, credited);
        }
        return new Body(new Span(open.start(), close.end()), directives);
    }

    private void directive(BlockSchema schema, Owner owner, int depth, List<Directive> out, Map<String, Span> seen,
                           Set<String> credited) {
        Token k = in.peek();
        if (k.kind() == TokenKind.ERROR) {
            // The lexer reported it. Credit the key it was probably meant to be ('max-factor' → max_factor),
            // so the missing-key check does not report the same mistake twice.
            String meant = in.text(k).replace('-', '_');
            credited.add(meant);
            Suggestions.closest(meant, schema.keyNames()).ifPresent(credited::add);
            throw new Abandon(false);
        }
        if (k.kind() == TokenKind.STRING) {
            credited.add(((Literal.StringLit) k.literal()).value());
            in.error(ParseCode.AMBIGUOUS_BRACE, k.span(), "the '{' of " + owner.title() + " opens a block, whose keys are bare names; "
                            + in.describe(k) + " is a quoted map key", schema.keyNames(),
                    "write the key without quotes; string keys belong in map literals, after a key that is not a block");
            throw new Abandon(false);
        }
        if (k.kind() != TokenKind.IDENT) {
            in.error(ParseCode.SYNTAX, k.span(), "expected a key of " + owner.title() + ", found " + in.describe(k),
                    schema.keyNames(), null);
            throw new Abandon(false);
        }
        String key = in.text(k);
        in.advance();
        KeySpec spec = schema.key(key).orElse(null);
        if (spec == null) {
            unknownKey(schema, owner, k, key, credited);
            throw new Abandon(false);
        }
        Name name = new Name(k.span(), key);
        Span first = seen.putIfAbsent(key, k.span());
        if (first != null) {
            in.error(ParseCode.DUPLICATE_KEY, k.span(), "'" + key + "' is set twice in " + owner.title() + " (first at "
                    + in.source().position(first.start()) + ")", List.of(), "remove one of them; which one wins would be a guess");
        }
        Directive d;
        if (spec.kind() == ValueKind.BLOCK) {
            d = nestedBlock(spec, owner, name, depth);
        } else if (spec.kind() == ValueKind.KEYED_BLOCKS) {
            d = keyedBlocks(spec, owner, name, depth);
        } else {
            d = setting(spec, owner, name, depth);
        }
        if (first == null) {
            out.add(d);
        }
    }

    private void unknownKey(BlockSchema schema, Owner owner, Token k, String key, Set<String> credited) {
        var suggestion = Suggestions.closest(key, schema.keyNames());
        suggestion.ifPresent(credited::add);
        String hint = suggestion.map(s -> "did you mean '" + s + "'?")
                .orElse("the schema is closed: unknown keys are errors, never ignored");
        if (suggestion.isEmpty() && dev.kwam.dsl.syntax.BlockKind.fromKeyword(key).isPresent()) {
            hint = "blocks do not nest: declare '" + key + "' at the top level and refer to it by name";
        }
        in.error(ParseCode.UNKNOWN_KEY, k.span(), "unknown key '" + key + "' in " + owner.title(), schema.keyNames(), hint);
    }

    private Directive nestedBlock(KeySpec spec, Owner owner, Name name, int depth) {
        Token t = in.peek();
        if (t.kind() != TokenKind.LBRACE) {
            if (t.kind() == TokenKind.NEWLINE || t.kind() == TokenKind.EOF) {
                in.error(ParseCode.WRONG_KIND, name.span(), "'" + name.text() + "' is a block: its '{' must follow on the same line",
                        List.of("'{'"), "write '" + name.text() + " {' and put its keys on the following lines");
                in.skipNewlines();
                if (!in.at(TokenKind.LBRACE)) {
                    throw new Abandon(true);
                }
                // Recover: parse the body that follows, so its own mistakes are reported too.
            } else {
                if (t.kind() != TokenKind.ERROR) {
                    in.error(ParseCode.WRONG_KIND, t.span(), "'" + name.text() + "' is a block, not a value", List.of("'{'"),
                            "write '" + name.text() + " {' and put its keys (" + String.join(", ", spec.nested().orElseThrow().keyNames())
                                    + ") on the following lines");
                }
                throw new Abandon(false);
            }
        }
        Body body = body(spec.nested().orElseThrow(), new Owner("'" + name.text() + "' block", name.span()), depth + 1);
        in.expectEndOfLine("'}'");
        return new Directive.NestedBlock(name.span().to(body.span()), name, body);
    }

    private Directive keyedBlocks(KeySpec spec, Owner owner, Name name, int depth) {
        Token open = in.peek();
        if (open.kind() != TokenKind.LBRACE) {
            if (open.kind() != TokenKind.ERROR) {
                in.error(ParseCode.WRONG_KIND, open.kind() == TokenKind.NEWLINE ? name.span() : open.span(),
                        "'" + name.text() + "' holds blocks keyed by quoted strings; its '{' must follow on the same line",
                        List.of("'{'"), "write " + name.text() + " { \"spiffe://trust-domain/…/*\" { caps [...] } } over several lines");
            }
            throw new Abandon(false);
        }
        in.advance();
        List<Directive.KeyedBlocks.Entry> entries = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        if (!in.at(TokenKind.NEWLINE) && !in.at(TokenKind.RBRACE) && !in.at(TokenKind.EOF)) {
            in.error(ParseCode.ONE_DIRECTIVE_PER_LINE, in.peek().span(), "the entries of '" + name.text()
                    + "' start on the line after its '{'", List.of(TokenKind.NEWLINE.describe()), "break the line after '{'");
            in.skipLine();
        }
        Token close;
        while (true) {
            in.skipNewlines();
            Token t = in.peek();
            if (t.kind() == TokenKind.RBRACE) {
                close = in.advance();
                break;
            }
            if (t.kind() == TokenKind.EOF) {
                in.error(ParseCode.UNCLOSED, open.span(), "the '{' of '" + name.text() + "' is never closed", List.of("'}'"),
                        "add '}' on its own line after the last entry");
                close = t;
                break;
            }
            try {
                entry(spec, name, t, depth, entries, seen);
            } catch (Abandon a) {
                if (!a.atLineStart) {
                    in.skipLine();
                }
            }
        }
        in.expectEndOfLine("'}'");
        return new Directive.KeyedBlocks(name.span().to(new Span(close.start(), close.end())), name, entries);
    }

    private void entry(KeySpec spec, Name owner, Token key, int depth, List<Directive.KeyedBlocks.Entry> out, Map<String, Span> seen) {
        if (key.kind() == TokenKind.IDENT || key.kind() == TokenKind.PATH || key.kind() == TokenKind.LITERAL) {
            in.error(ParseCode.AMBIGUOUS_BRACE, key.span(), "the entries of '" + owner.text() + "' are keyed by quoted strings; "
                    + in.describe(key) + " is not quoted", List.of("a quoted SPIFFE ID pattern"),
                    "quote it: \"" + in.text(key) + "\"");
            throw new Abandon(false);
        }
        if (key.kind() != TokenKind.STRING) {
            if (key.kind() != TokenKind.ERROR) {
                in.error(ParseCode.SYNTAX, key.span(), "expected a quoted key or '}', found " + in.describe(key),
                        List.of("a quoted SPIFFE ID pattern", "'}'"), null);
            }
            throw new Abandon(false);
        }
        in.advance();
        Literal.StringLit pattern = (Literal.StringLit) key.literal();
        if (spec.nested().isPresent() && spec.name().equals("grants")) {
            checkPattern(key, pattern);
        }
        Span first = seen.putIfAbsent(pattern.value(), key.span());
        if (first != null) {
            in.error(ParseCode.DUPLICATE_KEY, key.span(), "'" + owner.text() + "' has two entries for " + in.describe(key)
                    + " (first at " + in.source().position(first.start()) + ")", List.of(), "merge them into one entry");
        }
        Token open = in.peek();
        if (open.kind() != TokenKind.LBRACE) {
            if (open.kind() != TokenKind.ERROR) {
                in.error(ParseCode.SYNTAX, open.kind() == TokenKind.NEWLINE ? key.span() : open.span(),
                        "expected '{' after " + in.describe(key) + " on the same line", List.of("'{'"), null);
            }
            throw new Abandon(false);
        }
        Body body = body(spec.nested().orElseThrow(), new Owner("the " + owner.text() + " entry " + in.describe(key), key.span()),
                depth + 1);
        in.expectEndOfLine("'}'");
        if (first == null) {
            out.add(new Directive.KeyedBlocks.Entry(key.span().to(body.span()), pattern, body));
        }
    }

    /** A grant key is the one place a SPIFFE pattern ('*' segments) is allowed; it is validated like any identity. */
    private void checkPattern(Token key, Literal.StringLit pattern) {
        SpiffeIdResult<SpiffeIdPattern> parsed = SpiffeIdPattern.tryParse(pattern.value());
        if (parsed instanceof SpiffeIdResult.Invalid<SpiffeIdPattern> bad) {
            Rejection r = Rejection.of(bad.error());
            boolean verbatim = in.text(key).equals("\"" + pattern.value() + "\"");
            Span span = verbatim ? new Span(key.start() + 1 + r.from(), key.start() + 1 + Math.max(r.to(), r.from() + 1))
                    : key.span();
            if (span.end() > key.end() - 1 && verbatim) {
                span = new Span(Math.min(span.start(), key.end() - 1), key.end() - 1);
            }
            in.error(r.code(), span, r.message(), List.of(), r.hint().orElse(null));
        }
    }

    private Directive setting(KeySpec spec, Owner owner, Name name, int depth) {
        Token t = in.peek();
        if (t.kind() == TokenKind.NEWLINE || t.kind() == TokenKind.EOF || t.kind() == TokenKind.RBRACE) {
            in.error(ParseCode.SYNTAX, name.span(), "'" + name.text() + "' needs a value", List.of(spec.describe()),
                    "write " + name.text() + " " + spec.example());
            throw new Abandon(false);
        }
        Expr value = expressions.parse(depth + 1);
        in.expectEndOfLine("'" + name.text() + "'");
        for (KindCheck.Mismatch m : KindCheck.check(spec, value, in.source())) {
            in.error(m.code(), m.span(), m.message(), m.expected(), m.hint().orElse(null));
        }
        for (Span star : KindCheck.wildcards(value, in.source())) {
            in.error(ParseCode.WILDCARD_NOT_ALLOWED, star, "'*' patterns are allowed only in the keys of policy grants",
                    List.of(), "name the identity exactly here");
        }
        return new Directive.Setting(name.span().to(value.span()), name, value);
    }

    private void requireKeys(BlockSchema schema, Owner owner, Map<String, Span> seen, Set<String> credited) {
        List<String> missing = new ArrayList<>();
        for (KeySpec k : schema.requiredKeys()) {
            if (!seen.containsKey(k.name()) && !credited.contains(k.name())) {
                missing.add(k.name());
            }
        }
        if (!missing.isEmpty()) {
            String example = missing.stream().map(m -> m + " " + schema.key(m).orElseThrow().example())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            in.error(ParseCode.MISSING_REQUIRED_KEY, owner.reportAt(),
                    owner.title() + " is missing required key" + (missing.size() == 1 ? " '" : "s '") + String.join("', '", missing) + "'",
                    missing, "add " + example);
        }
    }
}
