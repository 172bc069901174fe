package dev.kwam.dsl.consent;

/**
 * A consent token that is not a well-formed, canonical version-1 token. The message says what is
 * wrong and where (a byte offset into the decoded JSON, or the field), so a person can tell a
 * truncated copy-paste from a tampered token.
 */
public final class MalformedTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedTokenException(String reason) {
        super(reason);
    }

    MalformedTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
