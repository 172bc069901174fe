package dev.kwam.node.consent;

import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.vocab.Capability;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One key of the fleet's trust roots: whose it is (person), which signer it speaks for, the
 * capabilities it may consent to, when and by what it was added, and when it was revoked, if it was.
 * A revoked key stays listed so its signatures are refused as revoked, not as unknown.
 */
public record TrustedKey(SignerKey key, String person, Set<Capability> capabilities, Change added, Optional<Change> revoked) {
    /** What {@link Change#by()} says for keys that came from the keyring the group was formed with. */
    public static final String GENESIS = "genesis";

    public TrustedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(person, "person");
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(revoked, "revoked");
    }

    /** A change of trust: when, and by which token ({@link #GENESIS} for the group's first keys). */
    public record Change(Instant at, String by) {
        public Change {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }
    }

    public boolean isRevoked() {
        return revoked.isPresent();
    }
}
