package dev.kwam.dsl.consent;

import dev.kwam.codec.sign.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Ed25519 signature over a token's canonical body, with the public key that made it. The key
 * is carried whole (not a name) so anyone can check the signature is intact; whether that key
 * belongs to the required signer is only ever decided by a {@link Keyring}.
 */
public record TokenSignature(PublicKey key, byte[] signature) {
    static final int SIGNATURE_BYTES = 64;

    public TokenSignature {
        Objects.requireNonNull(key, "key");
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature has " + SIGNATURE_BYTES + " bytes");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    String signatureHex() {
        return HexFormat.of().formatHex(signature);
    }

    /** True when this signature verifies over {@code body} for the key it names (says nothing about trust). */
    boolean verifies(TokenBody body) {
        byte[] message = TokenCodec.signingMessage(body);
        return key.verifies(message, 0, message.length, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSignature s && key.equals(s.key) && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "TokenSignature[" + key + ", " + signatureHex() + "]";
    }
}
