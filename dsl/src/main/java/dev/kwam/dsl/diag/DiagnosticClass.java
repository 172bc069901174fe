package dev.kwam.dsl.diag;

/**
 * The three error classes of the language reference (section 06). All are fatal: nothing runs
 * half-understood. The letter is the one in every code of the class: {@code KW-P…}, {@code KW-L…},
 * {@code KW-R…}.
 */
public enum DiagnosticClass {
    /** The text is not a well-formed program: lexing, syntax, closed schemas, literal forms. */
    PARSE('P'),
    /** The program is well-formed but not valid: types, references, nines, consent, modules. */
    LOWERING('L'),
    /** A valid policy met the world and the world disagreed: integrity, consent spending. */
    RUNTIME('R');

    private final char letter;

    DiagnosticClass(char letter) {
        this.letter = letter;
    }

    char letter() {
        return letter;
    }

    /** The lowercase name used in JSON output ({@code "class":"parse"}). */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
