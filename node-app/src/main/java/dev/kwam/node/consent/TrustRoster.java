package dev.kwam.node.consent;

import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.vocab.Capability;
import java.util.List;
import java.util.Map;
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
     * The keyring that may consent to {@code capability}: current keys trusted for it; revoked keys listed as revoked
     * (KW-L212); a current key not trusted for the capability withheld, so its signature is refused as such (KW-L214)
     * rather than as an unknown key (KW-L203): the fix is a different one.
     */
    public Keyring keyringFor(Capability capability) {
        List<SignerKey> current = keys.stream().filter(k -> !k.isRevoked() && k.capabilities().contains(capability))
                .map(TrustedKey::key).toList();
        List<SignerKey> revoked = keys.stream().filter(TrustedKey::isRevoked).map(TrustedKey::key).toList();
        List<Keyring.Withheld> withheld = keys.stream().filter(k -> !k.isRevoked() && !k.capabilities().contains(capability))
                .map(k -> new Keyring.Withheld(k.key(), "key '" + k.key().id() + "' may not consent to '" + capability.keyword()
                        + "' (the trust roots give it " + k.capabilities().stream().map(Capability::keyword).sorted().toList() + ")"))
                .toList();
        Map<String, String> persons = keys.stream().collect(Collectors.toMap(k -> k.key().id(), TrustedKey::person, (a, b) -> a));
        return Keyring.of(current, revoked, withheld, persons);
    }
}
