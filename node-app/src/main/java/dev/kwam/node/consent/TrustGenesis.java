package dev.kwam.node.consent;

import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.vocab.Capability;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kwam up --keyring DIR} at the group's birth: the keyring's keys become the trust roots, each
 * allowed every capability (the policy's grants still decide who may ask for what, and a key's
 * capabilities can be narrowed only by revoking and re-adding it) and counted as its own person. The
 * first seed wins, on whichever node: afterwards a keyring is ignored, and the log says so, because
 * trust changes only through two people's consent.
 */
public final class TrustGenesis {
    private static final Logger LOG = LoggerFactory.getLogger(TrustGenesis.class);

    private TrustGenesis() {
    }

    /** The trust roots a keyring seeds. */
    public static List<TrustedKey> of(Keyring keyring, Clock clock) {
        TrustedKey.Change genesis = new TrustedKey.Change(clock.instant(), TrustedKey.GENESIS);
        return keyring.keys().stream()
                .map(k -> new TrustedKey(k, k.id(), EnumSet.allOf(Capability.class), genesis, Optional.empty()))
                .toList();
    }

    /** Seeds {@code state} from {@code keyring} (read from {@code dir}) unless it was seeded before; completes with whether it did. */
    public static CompletionStage<Boolean> seed(AgreedState state, Keyring keyring, Path dir, Clock clock) {
        List<TrustedKey> keys = of(keyring, clock);
        return state.seedTrust(keys).whenComplete((seeded, failure) -> {
            if (failure != null) {
                LOG.warn("trust roots not seeded from {}: {} (consent-gated actions are refused until a start with --keyring "
                        + "reaches a majority of the voters)", dir, failure.getMessage());
            } else if (seeded) {
                LOG.info("trust roots seeded from {}: {}", dir, keys.stream().map(k -> k.key().id() + " (" + k.key().signer() + ")").toList());
            } else {
                LOG.info("trust roots were seeded before: --keyring {} ignored (change them with kwam trust add-signer / "
                        + "revoke-signer, which need two people's consent)", dir);
            }
        });
    }
}
