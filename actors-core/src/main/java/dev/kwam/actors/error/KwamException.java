package dev.kwam.actors.error;

import java.util.Optional;

/**
 * Carries a {@link KwamError} out of a call that cannot return it. Modules keep named subclasses
 * (a refused certificate, a bad setting, a failed start) so catch sites say which failure they expect;
 * none of them holds more than the error.
 */
public class KwamException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient KwamError error;

    /** The message is {@code what: why}. */
    public KwamException(KwamError error, Throwable cause) {
        this(error, error.what() + ": " + error.why(), cause);
    }

    /** For subclasses whose message had its own shape before there was one error type. */
    protected KwamException(KwamError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public KwamError error() {
        return error;
    }

    public String what() {
        return error.what();
    }

    public Optional<String> where() {
        return error.where();
    }

    public String why() {
        return error.why();
    }

    public String fix() {
        return error.fix();
    }
}
