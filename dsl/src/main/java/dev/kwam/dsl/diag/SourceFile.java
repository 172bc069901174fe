package dev.kwam.dsl.diag;

import java.util.Arrays;
import java.util.Objects;

/**
 * The text of one policy file and where its lines start. Identity-equal on purpose: two files with
 * the same text are still two places an error can point at.
 */
public final class SourceFile {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    private SourceFile(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        this.lineStarts = starts;
    }

    public static SourceFile of(String name, String text) {
        return new SourceFile(name, text);
    }

    /** The name diagnostics print: the path as the operator gave it. */
    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** Lines as an editor counts them: a trailing newline starts one more (empty) line. */
    public int lineCount() {
        return lineStarts.length;
    }

    /** The 1-based line holding {@code offset}, clamped into the file. */
    public int line(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int found = Arrays.binarySearch(lineStarts, clamped);
        return found >= 0 ? found + 1 : -found - 1;
    }

    public Position position(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = line(clamped);
        int start = lineStarts[line - 1];
        return new Position(line, text.codePointCount(start, clamped) + 1);
    }

    /** Offset of the first character of a 1-based line. */
    int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** Offset just past the last character of a 1-based line, before its {@code \n} (and any {@code \r}). */
    int lineEnd(int line) {
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > lineStarts[line - 1] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    String lineText(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    public String slice(Span span) {
        return text.substring(span.start(), span.end());
    }

    @Override
    public String toString() {
        return "SourceFile[" + name + ", " + text.length() + " chars]";
    }
}
