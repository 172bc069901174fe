package dev.kwam.jhmm;

/**
 * What a piped or asked future brought back: its value or why it failed, never both and never neither —
 * the JHMM's actors match on it instead of carrying a pair of Optionals where one must be empty.
 */
sealed interface Answer<T> permits Answer.Value, Answer.Failure {

    record Value<T>(T value) implements Answer<T> {
    }

    record Failure<T>(Throwable cause) implements Answer<T> {
    }

    /** The value turned by {@code f}; a failure stays that failure. */
    default <U> Answer<U> map(java.util.function.Function<? super T, ? extends U> f) {
        if (this instanceof Value<T> v) {
            return new Value<>(f.apply(v.value()));
        }
        return new Failure<>(((Failure<T>) this).cause());
    }

    /** Pekko's {@code pipeToSelf}/{@code ask} callback pair as one answer; a future that completed with null failed. */
    static <T> Answer<T> of(T value, Throwable failure) {
        if (failure != null) {
            return new Failure<>(failure);
        }
        return value == null ? new Failure<>(new IllegalStateException("the future completed without a value"))
                : new Value<>(value);
    }
}
