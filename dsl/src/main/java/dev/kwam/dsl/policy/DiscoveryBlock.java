package dev.kwam.dsl.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code discovery} block. Defaults: {@code interval 1s}, no scope (discover then enumerates only
 * what a grant's {@code discover_scope} allows), no static peers, no negotiator.
 */
public record DiscoveryBlock(String name, Strategy strategy, int fanout, Duration interval, List<Cidr> scope,
                              List<HostPort> peers, Optional<Negotiator> negotiator) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public DiscoveryBlock {
        scope = List.copyOf(scope);
        peers = List.copyOf(peers);
    }

    public enum Strategy { GOSSIP, STATIC, DNS }

    /**
     * The optional tiny model that only re-ranks; {@code fallback} is always deterministic. Defaults:
     * {@code max_tokens 64}, {@code timeout 250ms} — past them the fallback decides.
     */
    public record Negotiator(String task, String fallback, Optional<String> model, Optional<String> outputSchema,
                             OptionalInt maxTokens, Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
    }
}
