package dev.kwam.codec;

import java.io.IOException;
import java.util.List;

/**
 * Recovery refused: some stripe lacks enough good fragments, or the rebuilt object does not hash
 * to the manifest's object cid. Lists, per failed stripe, which fragments were missing and which
 * failed their hash. No byte of a failed stripe was written to the caller's stream.
 */
public final class RecoveryException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient List<StripeFailure> failures;

    public RecoveryException(String summary, List<StripeFailure> failures) {
        super(describe(summary, failures));
        this.failures = List.copyOf(failures);
    }

    public List<StripeFailure> failures() {
        return failures;
    }

    private static String describe(String summary, List<StripeFailure> failures) {
        StringBuilder s = new StringBuilder(summary);
        for (StripeFailure f : failures) {
            s.append('\n').append(f);
        }
        return s.toString();
    }
}
