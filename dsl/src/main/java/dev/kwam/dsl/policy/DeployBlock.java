package dev.kwam.dsl.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@code deploy} block whose consent token verified offline. Defaults: {@code strategy canary},
 * {@code waves [100percent]}, {@code bake 0s}, no gates, {@code max_unavailable} unset (one wave at a time).
 */
public record DeployBlock(String name, String server, String client, String pool, Strategy strategy,
                                List<BigDecimal> wavesPercent, Duration bake, List<String> gates,
                                Optional<BigDecimal> maxUnavailablePercent, Consent consent) {

    public DeployBlock {
        wavesPercent = List.copyOf(wavesPercent);
        gates = List.copyOf(gates);
    }

    public enum Strategy { CANARY, ROLLING, BLUE_GREEN, ALL_AT_ONCE }

    /**
     * The verified token: valid to spend, not yet spent (consensus spends {@code tokenId} once).
     * The token text is a bearer credential until spent, so only its id is kept and printed.
     */
    public record Consent(String tokenId, String scope, String signer, List<String> signingKeys, boolean dualControl) {
        public Consent {
            signingKeys = List.copyOf(signingKeys);
        }
    }
}
