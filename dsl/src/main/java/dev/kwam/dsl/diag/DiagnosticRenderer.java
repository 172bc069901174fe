package dev.kwam.dsl.diag;

import java.util.List;

/**
 * Renders diagnostics the way a compiler does, without colour:
 * <pre>
 * policy.kwam:12:3: error[KW-P020] unknown key 'facter' in replicate block
 *    12 |   facter 3
 *       |   ^^^^^^
 *    = expected one of: factor, anti_affinity, …
 *    = hint: did you mean 'factor'?
 * </pre>
 * The caret line copies the source line's tabs so the carets sit under the span in any editor.
 */
public final class DiagnosticRenderer {

    private DiagnosticRenderer() {
    }

    public static String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            render(d, out);
        }
        return out.toString();
    }

    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        render(d, out);
        return out.toString();
    }

    private static void render(Diagnostic d, StringBuilder out) {
        SourceFile source = d.source();
        out.append(d.headline()).append('\n');
        int line = source.line(d.span().start());
        String number = Integer.toString(line);
        String gutter = " ".repeat(number.length() + 4);
        String text = source.lineText(line);
        out.append("   ").append(number).append(" | ").append(printable(text)).append('\n');
        int lineStart = source.lineStart(line);
        int from = d.span().start() - lineStart;
        int to = Math.min(d.span().end(), lineStart + text.length()) - lineStart;
        out.append(gutter).append("| ");
        for (int i = 0; i < from && i < text.length(); i++) {
            out.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        int carets = Math.max(1, text.codePointCount(Math.min(from, text.length()), Math.max(from, Math.min(to, text.length()))));
        out.append("^".repeat(carets)).append('\n');
        if (!d.expected().isEmpty()) {
            out.append("   = expected ").append(d.expected().size() == 1 ? "" : "one of: ")
                    .append(String.join(", ", d.expected())).append('\n');
        }
        d.hint().ifPresent(h -> out.append("   = hint: ").append(h).append('\n'));
    }

    /** Control characters would corrupt a terminal; show them as U+FFFD like the lexer reported them. */
    private static String printable(String line) {
        StringBuilder s = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                if (s == null) {
                    s = new StringBuilder(line);
                }
                s.setCharAt(i, '\uFFFD');
            }
        }
        return s == null ? line : s.toString();
    }
}
