package dev.kwam.consensus.ledger;

import java.io.IOException;

/**
 * Bytes that are not exactly one ledger record of a format this build knows. An {@link IOException}
 * because that is what Ratis's {@code startTransaction} may throw: the leader refuses the request before
 * it reaches the log, and the client gets this message.
 */
final class MalformedLedgerBytes extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedLedgerBytes(String message) {
        super(message);
    }
}
