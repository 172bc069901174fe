package dev.kwam.consensus.ledger;

/** What may be asked of the {@link SpentLedger}: one command (through the log) and one query (a read). */
public sealed interface LedgerRequest {
    String tokenId();

    /**
     * Spend {@code tokenId} for {@code spender} (a SPIFFE ID or node name). {@code atMillis} is the
     * spender's clock, recorded as given: the ledger never reads a clock, so every peer applies the same
     * entry to the same state.
     */
    record Spend(String tokenId, String spender, long atMillis) implements LedgerRequest {
        public Spend {
            LedgerWire.checkText("tokenId", tokenId);
            LedgerWire.checkText("spender", spender);
            if (atMillis < 0) {
                throw new IllegalArgumentException("atMillis must be an epoch time, got " + atMillis);
            }
        }
    }

    /** Whether {@code tokenId} has been spent, as of a moment after this query was sent. */
    record IsSpent(String tokenId) implements LedgerRequest {
        public IsSpent {
            LedgerWire.checkText("tokenId", tokenId);
        }
    }
}
