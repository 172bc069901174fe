package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.syntax.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a policy file into tokens. Total: every character is consumed exactly once and the loop
 * always advances, so any input ends in a token list; bad text becomes an {@link TokenKind#ERROR}
 * token and one diagnostic, never an exception. Newlines are tokens (the language is
 * line-oriented); comments go to a side list.
 *
 * <p>Values that are not punctuation or strings are scanned as one "atom" — a run of
 * {@code [A-Za-z0-9_.:/*%-]} — and then classified ({@link AtomClassifier}), so that
 * {@code 10.40.0.0/16}, {@code kwam-seed.internal:7400} and {@code fd.h100} never need lookahead.
 */
public final class Lexer {
    private final SourceFile source;
    private final String text;
    private final Diagnostics diagnostics;
    private final AtomClassifier atoms;
    private final List<Token> tokens;
    private final List<Token> comments = new ArrayList<>();
    private int pos;

    private Lexer(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.text = source.text();
        this.diagnostics = diagnostics;
        this.atoms = new AtomClassifier(text, diagnostics);
        this.tokens = new ArrayList<>(Math.max(16, text.length() / 4));
    }

    public static LexedSource lex(SourceFile source, Diagnostics diagnostics) {
        Lexer lexer = new Lexer(source, diagnostics);
        lexer.run();
        return new LexedSource(source, lexer.tokens, lexer.comments);
    }

    private void run() {
        int len = text.length();
        while (pos < len) {
            char c = text.charAt(pos);
            switch (c) {
                case ' ', '\t', '\r' -> pos++;
                case '\n' -> add(TokenKind.NEWLINE, pos, ++pos);
                case '#' -> comment();
                case '{' -> add(TokenKind.LBRACE, pos, ++pos);
                case '}' -> add(TokenKind.RBRACE, pos, ++pos);
                case '[' -> add(TokenKind.LBRACKET, pos, ++pos);
                case ']' -> add(TokenKind.RBRACKET, pos, ++pos);
                case ',' -> add(TokenKind.COMMA, pos, ++pos);
                case '?' -> add(TokenKind.QUESTION, pos, ++pos);
                case '"' -> string();
                case '=' -> pair('=', TokenKind.EQ, TokenKind.EQUALS);
                case '<' -> pair('=', TokenKind.LE, TokenKind.LT);
                case '>' -> pair('=', TokenKind.GE, TokenKind.GT);
                case '!' -> {
                    if (next() == '=') {
                        add(TokenKind.NE, pos, pos += 2);
                    } else {
                        unexpected("'!' is only part of '!='", "write 'a != b'; there is no negation operator");
                    }
                }
                case '$' -> {
                    if (next() == '{') {
                        add(TokenKind.DOLLAR_LBRACE, pos, pos += 2);
                    } else {
                        unexpected("'$' is only part of '${'", "interpolate a binding as ${name}");
                    }
                }
                case ':' -> {
                    char n = next();
                    if (n == ' ' || n == '\t' || n == '\r' || n == '\n' || n == '#' || n == 0) {
                        add(TokenKind.COLON, pos, ++pos);
                    } else {
                        atom();
                    }
                }
                default -> {
                    if (AtomClassifier.isAtomChar(c)) {
                        atom();
                    } else {
                        unexpected(null, null);
                    }
                }
            }
        }
        tokens.add(new Token(TokenKind.EOF, len, len, null));
    }

    private char next() {
        return pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
    }

    private void add(TokenKind kind, int start, int end) {
        tokens.add(new Token(kind, start, end, null));
    }

    private void pair(char second, TokenKind two, TokenKind one) {
        if (next() == second) {
            add(two, pos, pos += 2);
        } else {
            add(one, pos, ++pos);
        }
    }

    private void comment() {
        int start = pos;
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end;
        comments.add(new Token(TokenKind.COMMENT, start, pos, null));
    }

    private void atom() {
        int start = pos;
        int len = text.length();
        int p = pos;
        while (p < len && isLetter(text.charAt(p))) {
            p++;
        }
        if (p > pos && text.startsWith("://", p)) {
            // A URL-like reference runs to the next separator so that a '#' or '?' inside it is
            // validated and refused, never silently read as the start of a comment.
            while (pos < len && !isReferenceStop(text.charAt(pos))) {
                pos++;
            }
            tokens.add(atoms.reference(start, pos));
            return;
        }
        while (pos < len && AtomClassifier.isAtomChar(text.charAt(pos))) {
            pos++;
        }
        tokens.add(atoms.classify(start, pos));
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isReferenceStop(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' || c == '"';
    }

    /** A run of characters that can start no token becomes one error, not one per character. */
    private void unexpected(String message, String hint) {
        int start = pos;
        int len = text.length();
        pos += Character.charCount(text.codePointAt(pos));
        if (message == null) {
            while (pos < len && !startsToken(text.charAt(pos))) {
                pos += Character.charCount(text.codePointAt(pos));
            }
        }
        String shown = text.substring(start, pos);
        String what = message != null ? message
                : "unexpected " + (shown.codePointCount(0, shown.length()) == 1 ? "character " : "characters ")
                        + describe(shown);
        String fix = hint != null ? hint : hintFor(shown.codePointAt(0));
        diagnostics.error(ParseCode.UNEXPECTED_CHARACTER, new Span(start, pos), what, fix);
        tokens.add(new Token(TokenKind.ERROR, start, pos, null));
    }

    private static boolean startsToken(char c) {
        return c <= ' ' || "#{}[],?\"=<>!$:".indexOf(c) >= 0 || AtomClassifier.isAtomChar(c);
    }

    private static String describe(String s) {
        StringBuilder out = new StringBuilder("'");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || cp == 0xfeff || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("U+%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('\'').toString();
    }

    private static String hintFor(int cp) {
        if (cp == 0xfeff) {
            return "save the file as UTF-8 without a byte-order mark";
        }
        if (cp == 0x2026) {
            return "'…' stands for elided text in the docs; write the real value";
        }
        if (cp == '+' || cp == '@' || cp == '&' || cp == '|' || cp == '~' || cp == '^' || cp == '\'' || cp == ';') {
            return "quote the value if it is text: \"…\"";
        }
        if (cp == '(' || cp == ')') {
            return "there are no parentheses or function calls in the language";
        }
        return "outside strings and comments a policy holds only ASCII names, numbers, units and punctuation";
    }

    private void string() {
        int start = pos;
        int len = text.length();
        pos++;
        StringBuilder decoded = null;
        int chunk = pos;
        boolean failed = false;
        while (true) {
            if (pos >= len || text.charAt(pos) == '\n') {
                int end = pos > start && pos <= len && pos > 0 && text.charAt(pos - 1) == '\r' ? pos - 1 : pos;
                if (!failed) {
                    diagnostics.error(ParseCode.UNTERMINATED_STRING, new Span(start, Math.max(end, start + 1)),
                            "this string is not closed on its line",
                            "close it with '\"' on the same line; a string cannot span lines (write \\n for a newline)");
                }
                tokens.add(new Token(TokenKind.ERROR, start, Math.max(end, start + 1), null));
                return;
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\') {
                if (decoded == null) {
                    decoded = new StringBuilder();
                }
                decoded.append(text, chunk, pos);
                int consumed = escape(decoded, failed);
                if (consumed < 0) {
                    failed = true;
                    consumed = -consumed;
                }
                pos += consumed;
                chunk = pos;
                continue;
            }
            if (c == '$' && pos + 1 < len && text.charAt(pos + 1) == '{') {
                if (!failed) {
                    diagnostics.error(ParseCode.BAD_STRING_CONTENT, new Span(pos, pos + 2),
                            "interpolation inside a string is not supported in kwam.dev/v0.2",
                            "use ${…} as the whole value, or write \\${ for a literal '${'");
                }
                failed = true;
                pos += 2;
                continue;
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                if (!failed) {
                    diagnostics.error(ParseCode.BAD_STRING_CONTENT, new Span(pos, pos + 1),
                            "a raw control character (" + String.format("U+%04X", (int) c) + ") inside a string",
                            "write it as an escape: \\n, \\t, \\r or \\uXXXX");
                }
                failed = true;
            }
            pos++;
        }
        if (failed) {
            tokens.add(new Token(TokenKind.ERROR, start, pos, null));
            return;
        }
        String value = decoded == null ? text.substring(start + 1, pos - 1) : decoded.append(text, chunk, pos - 1).toString();
        tokens.add(new Token(TokenKind.STRING, start, pos, new Literal.StringLit(new Span(start, pos), value)));
    }

    /** Decodes the escape at {@code pos}; returns the characters consumed, negated when it was refused. */
    private int escape(StringBuilder out, boolean quiet) {
        int len = text.length();
        char e = pos + 1 < len ? text.charAt(pos + 1) : 0;
        switch (e) {
            case '"', '\\', '$' -> {
                out.append(e);
                return 2;
            }
            case 'n' -> {
                out.append('\n');
                return 2;
            }
            case 't' -> {
                out.append('\t');
                return 2;
            }
            case 'r' -> {
                out.append('\r');
                return 2;
            }
            case 'u' -> {
                int value = 0;
                for (int i = 0; i < 4; i++) {
                    int d = pos + 2 + i < len ? Character.digit(text.charAt(pos + 2 + i), 16) : -1;
                    if (d < 0) {
                        return refuseEscape(Math.min(len, pos + 2 + i), quiet, "\\u needs exactly four hex digits");
                    }
                    value = value * 16 + d;
                }
                if (Character.isSurrogate((char) value)) {
                    return refuseEscape(pos + 6, quiet, "\\u" + text.substring(pos + 2, pos + 6)
                            + " is a lone UTF-16 surrogate, not a character");
                }
                out.append((char) value);
                return 6;
            }
            default -> {
                if (e == '\n' || e == 0) {
                    return refuseEscape(pos + 1, quiet, "a '\\' at the end of a line escapes nothing");
                }
                return refuseEscape(pos + 1 + Character.charCount(text.codePointAt(pos + 1)), quiet,
                        "unknown escape '\\" + text.substring(pos + 1, pos + 1 + Character.charCount(text.codePointAt(pos + 1))) + "'");
            }
        }
    }

    private int refuseEscape(int end, boolean quiet, String message) {
        if (!quiet) {
            diagnostics.error(ParseCode.BAD_STRING_CONTENT, new Span(pos, Math.max(end, pos + 1)), message,
                    "the escapes are \\\" \\\\ \\$ \\n \\t \\r and \\uXXXX");
        }
        int consumed = Math.max(1, Math.min(end, text.length()) - pos);
        // Never consume the newline: the string is then reported unterminated at the right place.
        if (pos + consumed <= text.length() && text.substring(pos, pos + consumed).indexOf('\n') >= 0) {
            consumed = text.indexOf('\n', pos) - pos;
        }
        return -Math.max(1, consumed);
    }
}
