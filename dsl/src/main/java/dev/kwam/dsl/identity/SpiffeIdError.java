package dev.kwam.dsl.identity;

/**
 * Why a text is not a SPIFFE ID (or pattern), and where: {@code offset} is the index, in the text
 * that was parsed, of the first offending character (or of the end of the text when something is
 * missing). The DSL lexer adds the offset of the literal to place its caret; the CLI prints it.
 */
public record SpiffeIdError(Code code, int offset, String reason, String hint) {

    /** The rule that was broken, one per clause of the SPIFFE ID specification we enforce. */
    public enum Code {
        EMPTY,
        SCHEME,
        TRUST_DOMAIN_MISSING,
        TRUST_DOMAIN_CHARACTER,
        TRUST_DOMAIN_TOO_LONG,
        PORT,
        USERINFO,
        PERCENT_ENCODING,
        QUERY,
        FRAGMENT,
        EMPTY_SEGMENT,
        DOT_SEGMENT,
        SEGMENT_CHARACTER,
        TRAILING_SLASH,
        WILDCARD_NOT_ALLOWED,
        PARTIAL_WILDCARD,
        TOO_LONG,
        NOT_KWAM_NODE_SHAPE
    }

    public SpiffeIdError {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** The same error, with its offset moved by {@code delta} (for text embedded in a larger one). */
    public SpiffeIdError shifted(int delta) {
        return new SpiffeIdError(code, Math.max(0, offset + delta), reason, hint);
    }

    /** One line: "at offset 17: reason (hint)". */
    public String describe() {
        return "at offset " + offset + ": " + reason + " (" + hint + ")";
    }

    /**
     * The text on one line and a caret under the offending character, for terminals and logs.
     * Control characters are shown as '?' so the caret stays aligned.
     */
    public String caret(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return shown + "\n" + " ".repeat(Math.min(offset, text.length())) + "^";
    }
}
