package dev.kwam.node.consent;

import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.vocab.Capability;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One key of the fleet's trust roots: whose it is (person), which signer it speaks for, the
 * capabilities it may consent to, and when it was revoked, if it was. A revoked key stays listed so
 * its signatures are refused as revoked, not as unknown.
 */
public record TrustedKey(SignerKey key, String person, Set<Capability> capabilities, Optional<Instant> revokedAt) {

    public TrustedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(person, "person");
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
