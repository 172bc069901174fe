package dev.kwam.dsl.lex;

/** What a token is. Every literal form is one {@link #LITERAL} carrying its decoded {@code Literal}. */
public enum TokenKind {
    NEWLINE,
    EOF,
    /** {@code #} to the end of its line; only ever in {@link LexedSource#comments()}. */
    COMMENT,
    /** Text the lexer already reported; the parser skips the directive without a second message. */
    ERROR,
    LBRACE("{"), RBRACE("}"), LBRACKET("["), RBRACKET("]"), COMMA(","), EQUALS("="), QUESTION("?"), COLON(":"),
    DOLLAR_LBRACE("${"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    /** {@code [A-Za-z_][A-Za-z0-9_]*}. */
    IDENT,
    /** Identifiers joined by dots: {@code fd.h100}. */
    PATH,
    /** A quoted string (also a literal, but keys and headers need to tell it apart). */
    STRING,
    LITERAL;

    private final String text;

    TokenKind() {
        this.text = null;
    }

    TokenKind(String text) {
        this.text = text;
    }

    /** How to name this kind in "expected …" lists. */
    public String describe() {
        if (text != null) {
            return "'" + text + "'";
        }
        switch (this) {
            case NEWLINE:
                return "end of line";
            case EOF:
                return "end of file";
            case COMMENT:
                return "a comment";
            case IDENT:
                return "a name";
            case PATH:
                return "a dotted name";
            case STRING:
                return "a string";
            case LITERAL:
                return "a value";
            default:
                return "invalid text";
        }
    }
}
