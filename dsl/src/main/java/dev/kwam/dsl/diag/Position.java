package dev.kwam.dsl.diag;

/** A 1-based line and column; the column counts Unicode code points, so a caret lines up under what a person sees. */
public record Position(int line, int column) {

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
