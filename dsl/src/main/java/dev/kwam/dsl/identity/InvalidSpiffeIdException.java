package dev.kwam.dsl.identity;

/** Carries a {@link SpiffeIdError} across an API boundary that cannot return it as a value. */
public final class InvalidSpiffeIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient SpiffeIdError error;
    private final String text;

    InvalidSpiffeIdException(String text, SpiffeIdError error) {
        super("not a valid SPIFFE ID '" + text + "' " + error.describe());
        this.text = text;
        this.error = error;
    }

    public SpiffeIdError error() {
        return error;
    }

    /** The text that was refused. */
    public String text() {
        return text;
    }
}
