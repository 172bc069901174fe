package dev.kwam.codec;

/** The shards at hand cannot determine the stripe. Says which were present and why that is not enough. */
public final class UnrecoverableStripeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnrecoverableStripeException(String message) {
        super(message);
    }
}
