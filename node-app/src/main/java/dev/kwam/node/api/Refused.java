package dev.kwam.node.api;

import java.util.List;
import java.util.concurrent.CompletionException;

/** Carries a {@link KwamNode.Failed} out of a request's future chain; every other throwable is {@code INTERNAL}. */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient KwamNode.Failed failed;

    Refused(KwamNode.ErrorCode code, String message, List<String> details) {
        super(message, null, false, false);
        this.failed = new KwamNode.Failed(code, message, details);
    }

    Refused(KwamNode.ErrorCode code, String message) {
        this(code, message, List.of());
    }

    KwamNode.Failed failed() {
        return failed;
    }

    /** The reply for whatever ended a request's chain. */
    static KwamNode.Failed of(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof Refused r) {
            return r.failed();
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, "the census did not answer in time: " + cause.getMessage(),
                    List.of());
        }
        return new KwamNode.Failed(KwamNode.ErrorCode.INTERNAL, String.valueOf(cause), List.of());
    }
}
