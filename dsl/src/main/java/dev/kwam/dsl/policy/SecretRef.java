package dev.kwam.dsl.policy;

import java.util.Objects;

/**
 * {@code secret://vault/kwam/mtls-ca}: where a secret lives, resolved by the node at run time. The
 * compiler never sees a secret, so there is nothing here that could print one: only the reference.
 */
public record SecretRef(String reference) {
    public SecretRef {
        Objects.requireNonNull(reference, "reference");
        if (!reference.startsWith("secret://")) {
            throw new IllegalArgumentException("a secret reference starts with secret://, got " + reference);
        }
    }

    @Override
    public String toString() {
        return reference;
    }
}
