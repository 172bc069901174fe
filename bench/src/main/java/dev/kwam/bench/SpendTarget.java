package dev.kwam.bench;

import java.util.concurrent.CompletionStage;

/**
 * A store that can spend a consent token at most once: KWAM's consent ledger or etcd's put-if-absent. The
 * benchmark drives every target through this one call so both pay the same driver costs.
 */
interface SpendTarget extends AutoCloseable {
    /** How the result lines name this target, e.g. {@code kwam} or {@code etcd}. */
    String name();

    /** How many voters (KWAM) or members (etcd) must agree. */
    int voters();

    /** Completes {@code true} when this spend took the token, {@code false} when it had been spent before. */
    CompletionStage<Boolean> spend(String tokenId);

    @Override
    void close() throws Exception;
}
