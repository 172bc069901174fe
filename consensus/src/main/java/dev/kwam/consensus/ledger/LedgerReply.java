package dev.kwam.consensus.ledger;

/**
 * What the {@link SpentLedger} answers. A {@code Spend} gets a {@link SpendOutcome}; an {@code IsSpent}
 * a {@link TokenState}. {@link AlreadySpent} answers both: it names who spent the token first, and when.
 */
public sealed interface LedgerReply {
    String tokenId();

    sealed interface SpendOutcome extends LedgerReply permits Spent, AlreadySpent {
    }

    sealed interface TokenState extends LedgerReply permits Unspent, AlreadySpent {
    }

    /** This spend took the token: it is now spent, by {@code spender} at {@code atMillis}. */
    record Spent(String tokenId, String spender, long atMillis) implements SpendOutcome {
    }

    /** The token was taken before, by {@code firstSpender} at {@code firstAtMillis}; this spend changed nothing. */
    record AlreadySpent(String tokenId, String firstSpender, long firstAtMillis) implements SpendOutcome, TokenState {
    }

    /** No spend of the token has been applied. */
    record Unspent(String tokenId) implements TokenState {
    }
}
