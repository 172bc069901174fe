package dev.kwam.dsl.diag;

/**
 * A half-open range {@code [start, end)} of UTF-16 offsets into one {@link SourceFile}. Spans are
 * offsets only, so AST records stay small; {@link SourceFile#position(int)} turns them into
 * 1-based line:column for people.
 */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public static Span of(int start, int end) {
        return new Span(start, end);
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }

    public int length() {
        return end - start;
    }
}
