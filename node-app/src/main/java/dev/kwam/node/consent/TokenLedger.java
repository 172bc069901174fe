package dev.kwam.node.consent;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Where a token is spent, exactly once in the fleet: the consensus group's ledger of spent tokens. */
@FunctionalInterface
public interface TokenLedger {

    /** Records {@code tokenId} as spent by {@code spender} for {@code action}, unless it already was. */
    CompletionStage<SpendResult> spend(String tokenId, String spender, String action);

    /** The ledger's answer. */
    sealed interface SpendResult {
    }

    /** This call spent it. */
    record Spent(Instant at) implements SpendResult {
    }

    /** An earlier call spent it: by whom, for what, when. */
    record AlreadySpent(String spender, String action, Instant at) implements SpendResult {
    }
}
