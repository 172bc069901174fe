package dev.kwam.dsl.identity;

/**
 * Why a text is not a SPIFFE ID (or pattern), and where: {@code offset} is the index, in the text
 * that was parsed, of the first offending character (or of the end of the text when something is
 * missing); the CLI puts its caret there. {@code [partStart, partEnd)} is the offending part around
 * it, what a fix removes or rewrites (the whole user info {@code ops@}, the segment {@code cl-*}, the
 * trust domain that is too long): the DSL underlines that part in its diagnostics.
 */
public record SpiffeIdError(Code code, int offset, String reason, String hint, int partStart, int partEnd) {

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
        if (partStart < 0 || partStart > offset || partEnd <= offset) {
            throw new IllegalArgumentException("the part [" + partStart + ", " + partEnd + ") must hold offset " + offset);
        }
    }

    /** An error whose offending part is the one character at {@code offset}. */
    SpiffeIdError(Code code, int offset, String reason, String hint) {
        this(code, offset, reason, hint, offset, offset + 1);
    }

    /** The same error, with its offset moved by {@code delta} (for text embedded in a larger one). */
    SpiffeIdError shifted(int delta) {
        int moved = Math.max(0, offset + delta);
        return new SpiffeIdError(code, moved, reason, hint, Math.min(moved, Math.max(0, partStart + delta)),
                Math.max(moved + 1, partEnd + delta));
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
