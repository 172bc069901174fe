package dev.kwam.consensus.journal;

import java.io.IOException;

/**
 * Bytes that are not exactly one journal record of a format this build knows. An {@link IOException} because
 * that is what Ratis's {@code startTransaction} may set on a transaction: the leader refuses the request before
 * it reaches the log.
 */
final class MalformedJournalBytes extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedJournalBytes(String message) {
        super(message);
    }
}
