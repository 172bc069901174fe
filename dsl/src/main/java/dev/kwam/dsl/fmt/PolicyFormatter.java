package dev.kwam.dsl.fmt;

import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.lex.LexedSource;
import dev.kwam.dsl.lex.Lexer;
import dev.kwam.dsl.lex.Token;
import dev.kwam.dsl.lex.TokenKind;
import dev.kwam.dsl.parse.ParseResult;
import dev.kwam.dsl.parse.PolicyParser;
import dev.kwam.dsl.syntax.SyntaxTrees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code kwam fmt}: the canonical layout of a policy. It re-emits the file's own tokens, so it
 * cannot change a value's spelling, and it keeps every line break that separates directives or
 * list elements; what it normalises is layout:
 * <ul>
 *   <li>indentation: two spaces per open {@code {}, {@code [} or {@code ${} at the start of the line;</li>
 *   <li>spacing: one space between tokens, none inside {@code [ ]} and {@code ${ }} or before {@code ,};</li>
 *   <li>comments: kept; trailing comments on consecutive lines are aligned two spaces past the longest code
 *       of the run; trailing blanks removed;</li>
 *   <li>blank lines: at most one in a row, none at the start or end of the file, after a line that
 *       opens a group, or before a line that closes one; exactly one final newline.</li>
 * </ul>
 * Only files that parse are formatted, and the result is re-parsed and compared with the original
 * syntax tree: if they ever differed the formatter would refuse rather than rewrite.
 */
public final class PolicyFormatter {
    private static final String INDENT = "  ";

    private PolicyFormatter() {
    }

    public static FormatResult format(SourceFile source) {
        ParseResult parsed = PolicyParser.parse(source);
        if (!parsed.ok()) {
            return new FormatResult.Refused(source, parsed.diagnostics());
        }
        String text = layout(Lexer.lex(source, new Diagnostics(source)));
        ParseResult again = PolicyParser.parse(SourceFile.of(source.name(), text));
        if (!again.ok() || !SyntaxTrees.equalIgnoringSpans(parsed.program().orElseThrow(), again.program().orElseThrow())) {
            throw new IllegalStateException("kwam fmt would change the meaning of " + source.name()
                    + "; refusing (this is a bug in the formatter, please report it with the file)");
        }
        return new FormatResult.Formatted(source, text);
    }

    public static FormatResult format(String name, byte[] utf8) {
        ParseResult parsed = PolicyParser.parse(name, utf8);
        if (!parsed.ok()) {
            return new FormatResult.Refused(parsed.source(), parsed.diagnostics());
        }
        return format(parsed.source());
    }

    /** One source line: its tokens (no NEWLINE) and its comment, if any, which always ends the line. */
    private record Line(List<Token> tokens, Token comment) {
        boolean blank() {
            return tokens.isEmpty() && comment == null;
        }
    }

    /** An output line: indented code (possibly empty) and its comment (possibly null), with a blank line before it or not. */
    private record Out(boolean blankBefore, String code, String comment) {
    }

    static String layout(LexedSource lexed) {
        String text = lexed.source().text();
        List<Out> rendered = new ArrayList<>();
        Deque<TokenKind> open = new ArrayDeque<>();
        boolean pendingBlank = false;
        boolean previousOpened = false;
        for (Line line : lines(lexed)) {
            if (line.blank()) {
                pendingBlank = !rendered.isEmpty();
                continue;
            }
            Token first = line.tokens().isEmpty() ? null : line.tokens().get(0);
            boolean closes = first != null && (first.kind() == TokenKind.RBRACE || first.kind() == TokenKind.RBRACKET);
            int depth = Math.max(0, open.size() - (closes ? 1 : 0));
            StringBuilder code = new StringBuilder(INDENT.repeat(depth));
            Token previous = null;
            for (Token t : line.tokens()) {
                if (previous != null && spaced(previous, t, open)) {
                    code.append(' ');
                }
                code.append(text, t.start(), t.end());
                track(t, open);
                previous = t;
            }
            String comment = line.comment() == null ? null
                    : stripTrailing(text.substring(line.comment().start(), line.comment().end()));
            rendered.add(new Out(pendingBlank && !previousOpened && !closes, code.toString(),
                    comment));
            pendingBlank = false;
            previousOpened = previous != null && (previous.kind() == TokenKind.LBRACE || previous.kind() == TokenKind.LBRACKET);
        }
        return emit(rendered, text.length());
    }

    /**
     * Trailing comments on consecutive lines are aligned one column past the longest code in that
     * run (plus a space), as gofmt does: a run ends at a blank line or a line without a trailing comment.
     */
    private static String emit(List<Out> rendered, int sizeHint) {
        StringBuilder out = new StringBuilder(sizeHint + 64);
        int i = 0;
        while (i < rendered.size()) {
            int runEnd = i;
            if (trailing(rendered.get(i))) {
                runEnd = i + 1;
                while (runEnd < rendered.size() && trailing(rendered.get(runEnd)) && !rendered.get(runEnd).blankBefore()) {
                    runEnd++;
                }
            } else {
                runEnd = i + 1;
            }
            int width = 0;
            for (int j = i; j < runEnd; j++) {
                width = Math.max(width, rendered.get(j).code().length());
            }
            for (int j = i; j < runEnd; j++) {
                Out o = rendered.get(j);
                if (o.blankBefore()) {
                    out.append('\n');
                }
                out.append(o.code());
                if (o.comment() != null) {
                    if (trailing(o)) {
                        out.append(" ".repeat(width - o.code().length() + 2));
                    }
                    out.append(o.comment());
                }
                out.append('\n');
            }
            i = runEnd;
        }
        return out.toString();
    }

    private static boolean trailing(Out o) {
        return o.comment() != null && !o.code().isBlank();
    }

    private static List<Line> lines(LexedSource lexed) {
        List<Line> lines = new ArrayList<>();
        List<Token> comments = lexed.comments();
        int c = 0;
        List<Token> current = new ArrayList<>();
        Token comment = null;
        for (Token t : lexed.tokens()) {
            while (c < comments.size() && comments.get(c).start() < t.start()) {
                comment = comments.get(c++);
            }
            if (t.kind() == TokenKind.NEWLINE || t.kind() == TokenKind.EOF) {
                if (t.kind() == TokenKind.NEWLINE || !current.isEmpty() || comment != null) {
                    lines.add(new Line(current, comment));
                }
                current = new ArrayList<>();
                comment = null;
            } else {
                current.add(t);
            }
        }
        return lines;
    }

    private static boolean spaced(Token previous, Token t, Deque<TokenKind> open) {
        TokenKind p = previous.kind();
        TokenKind k = t.kind();
        if (p == TokenKind.LBRACKET || p == TokenKind.DOLLAR_LBRACE) {
            return false;
        }
        if (k == TokenKind.RBRACKET || k == TokenKind.COMMA) {
            return false;
        }
        if (k == TokenKind.RBRACE && (open.peek() == TokenKind.DOLLAR_LBRACE || p == TokenKind.LBRACE)) {
            return false;
        }
        return true;
    }

    private static void track(Token t, Deque<TokenKind> open) {
        switch (t.kind()) {
            case LBRACE, LBRACKET, DOLLAR_LBRACE -> open.push(t.kind());
            case RBRACE, RBRACKET -> open.poll();
            default -> {
            }
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
