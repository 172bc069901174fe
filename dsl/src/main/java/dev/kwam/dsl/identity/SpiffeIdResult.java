package dev.kwam.dsl.identity;

/**
 * The outcome of parsing a SPIFFE ID or pattern without exceptions: the value, or the error with
 * its offset. Callers that prefer exceptions use {@link #orThrow()}.
 */
public sealed interface SpiffeIdResult<T> {

    record Valid<T>(T value) implements SpiffeIdResult<T> {
    }

    record Invalid<T>(String text, SpiffeIdError error) implements SpiffeIdResult<T> {
    }

    default boolean isValid() {
        return this instanceof Valid;
    }

    default T orThrow() {
        if (this instanceof Valid<T> valid) {
            return valid.value();
        }
        Invalid<T> invalid = (Invalid<T>) this;
        throw new InvalidSpiffeIdException(invalid.text(), invalid.error());
    }
}
