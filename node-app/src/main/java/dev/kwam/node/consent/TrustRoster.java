package dev.kwam.node.consent;

import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.vocab.Capability;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fleet's trust roots as read through consensus at one moment.
 *
 * @param seeded whether a genesis keyring ever seeded them
 */
public record TrustRoster(List<TrustedKey> keys, boolean seeded) {

    public TrustRoster {
        keys = List.copyOf(keys);
    }

    /**
     * The keyring that may consent to {@code capability}: current keys trusted for it; revoked keys
     * listed as revoked. A current key not trusted for the capability is left out, so its signature is
     * refused as not in the keyring (KW-L203) and {@link #untrustedFor} says why.
     */
    public Keyring keyringFor(Capability capability) {
        List<SignerKey> current = keys.stream().filter(k -> !k.isRevoked() && k.capabilities().contains(capability))
                .map(TrustedKey::key).toList();
        List<SignerKey> revoked = keys.stream().filter(TrustedKey::isRevoked).map(TrustedKey::key).toList();
        Map<String, String> persons = keys.stream().collect(Collectors.toMap(k -> k.key().id(), TrustedKey::person, (a, b) -> a));
        return Keyring.of(current, revoked, persons);
    }

    /** Current keys that exist but may not consent to {@code capability}, by key id. */
    public Map<String, TrustedKey> untrustedFor(Capability capability) {
        return keys.stream().filter(k -> !k.isRevoked() && !k.capabilities().contains(capability))
                .collect(Collectors.toMap(k -> k.key().id(), Function.identity()));
    }
}
