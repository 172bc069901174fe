package dev.kwam.dsl.parse;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.lex.LexedSource;
import dev.kwam.dsl.lex.Token;
import dev.kwam.dsl.lex.TokenKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** One token of lookahead over a lexed file, plus the two ways the parser resynchronises after an error. */
final class TokenCursor {
    private final List<Token> tokens;
    private final SourceFile source;
    private final Diagnostics diagnostics;
    private final BitSet lexicalErrorLines = new BitSet();
    private int index;

    TokenCursor(LexedSource lexed, Diagnostics diagnostics) {
        this.tokens = lexed.tokens();
        this.source = lexed.source();
        this.diagnostics = diagnostics;
        for (Diagnostic d : diagnostics.all()) {
            lexicalErrorLines.set(source.line(d.span().start()));
        }
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    SourceFile source() {
        return source;
    }

    Token peek() {
        return tokens.get(index);
    }

    boolean at(TokenKind kind) {
        return tokens.get(index).kind() == kind;
    }

    /** Consumes and returns the current token; at end of file it stays put on EOF. */
    Token advance() {
        Token t = tokens.get(index);
        if (t.kind() != TokenKind.EOF) {
            index++;
        }
        return t;
    }

    String text(Token t) {
        return source.text().substring(t.start(), t.end());
    }

    void skipNewlines() {
        while (tokens.get(index).kind() == TokenKind.NEWLINE) {
            index++;
        }
    }

    /** How a token reads in "found …": {@code 'factor'}, {@code end of line}. */
    String describe(Token t) {
        if (t.kind() == TokenKind.NEWLINE || t.kind() == TokenKind.EOF) {
            return t.kind().describe();
        }
        String text = text(t);
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }

    /**
     * Skips the rest of a broken directive: up to its end of line, stepping over balanced
     * {@code { }} and {@code [ ]} groups even across lines (an unknown nested block is skipped whole),
     * and stopping before a {@code }} that closes an enclosing block so the block still ends where
     * it does. Returns the names skipped at the top of the line: keys of directives the parser never
     * saw, which the missing-key check must not report a second time.
     */
    List<String> skipLine() {
        List<String> names = new ArrayList<>();
        int depth = 0;
        while (true) {
            Token t = tokens.get(index);
            switch (t.kind()) {
                case EOF:
                    return names;
                case NEWLINE:
                    if (depth == 0) {
                        return names;
                    }
                    break;
                case IDENT:
                    if (depth == 0) {
                        names.add(text(t));
                    }
                    break;
                case LBRACE:
                case LBRACKET:
                case DOLLAR_LBRACE:
                    depth++;
                    break;
                case RBRACE:
                case RBRACKET:
                    if (depth == 0) {
                        if (t.kind() == TokenKind.RBRACE) {
                            return names;
                        }
                    } else {
                        depth--;
                    }
                    break;
                default:
                    break;
            }
            index++;
        }
    }

    /**
     * Skips to just past the close of a group whose opener was already consumed ({@code close} is
     * {@link TokenKind#RBRACE} or {@link TokenKind#RBRACKET}). With {@code oneLine}, a newline ends
     * the search too (an interpolation never spans lines).
     */
    void skipPastClose(TokenKind close, boolean oneLine) {
        int depth = 0;
        while (true) {
            Token t = tokens.get(index);
            TokenKind k = t.kind();
            if (k == TokenKind.EOF || oneLine && k == TokenKind.NEWLINE) {
                return;
            }
            if (k == TokenKind.LBRACE || k == TokenKind.LBRACKET || k == TokenKind.DOLLAR_LBRACE) {
                depth++;
            } else if (k == TokenKind.RBRACE || k == TokenKind.RBRACKET) {
                if (depth == 0) {
                    if (k == close) {
                        index++;
                    }
                    return;
                }
                depth--;
            }
            index++;
        }
    }

    /**
     * A directive or declaration ends at a newline (or the end of the file). Anything else on the
     * line is a second directive, refused so that every line means one thing.
     */
    void expectEndOfLine(String after) {
        Token t = tokens.get(index);
        if (t.kind() == TokenKind.NEWLINE || t.kind() == TokenKind.EOF) {
            return;
        }
        if (t.kind() == TokenKind.ERROR) {
            throw new Abandon(false);
        }
        if (t.kind() == TokenKind.RBRACE) {
            error(ParseCode.ONE_DIRECTIVE_PER_LINE, t.span(), "'}' must be on its own line", List.of(),
                    "put a line break before '}'");
        } else if (t.kind() == TokenKind.IDENT) {
            error(ParseCode.ONE_DIRECTIVE_PER_LINE, t.span(),
                    describe(t) + " starts a second directive on the line of " + after, List.of(),
                    "one directive per line: put " + describe(t) + " and its value on a line of their own");
        } else {
            error(ParseCode.SYNTAX, t.span(), "unexpected " + describe(t) + " after " + after,
                    List.of(TokenKind.NEWLINE.describe()), "remove it, or quote the whole value if it is text");
        }
        throw new Abandon(false);
    }

    /**
     * Reports a parse error. A grammar complaint on a line where the lexer already refused
     * something is almost always that refusal's echo (the parser saw an odd token sequence because a
     * token was missing), so it is dropped: one diagnostic per root cause.
     */
    void error(ParseCode code, Span span, String message, List<String> expected, String hint) {
        if ((code == ParseCode.SYNTAX || code == ParseCode.ONE_DIRECTIVE_PER_LINE) && lexicalErrorLines.get(source.line(span.start()))) {
            return;
        }
        diagnostics.error(code, span, message, expected, hint);
    }
}
