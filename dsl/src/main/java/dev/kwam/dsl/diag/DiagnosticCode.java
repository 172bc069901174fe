package dev.kwam.dsl.diag;

/**
 * A stable error code: {@code KW-} + the class letter + three digits. Each phase owns an enum that
 * implements this ({@link ParseCode} here; lowering and runtime add theirs). Codes are never reused
 * or renumbered once published in docs/language.md: scripts and conformance cases match on them.
 */
public interface DiagnosticCode {

    DiagnosticClass diagnosticClass();

    /** The number within the class, 1..999. */
    int number();

    /** One line saying what this code means, for the docs and {@code --explain}-style listings. */
    String summary();

    /** {@code KW-P014}. */
    default String id() {
        return String.format("KW-%c%03d", diagnosticClass().letter(), number());
    }
}
