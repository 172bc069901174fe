package dev.kwam.dsl.consent;

import dev.kwam.codec.sign.SigningKey;

/**
 * A person's private Ed25519 key for signing consent tokens, with the identity its public half has
 * in keyrings (signer organisation and key id). It exists in the memory of
 * {@code kwam consent mint/cosign} and in the file its owner keeps; nothing in a node ever holds one.
 */
public final class MintingKey {
    private final SignerKey identity;
    private final SigningKey key;

    private MintingKey(SignerKey identity, SigningKey key) {
        this.identity = identity;
        this.key = key;
    }

    /** A fresh key for {@code id} signing for {@code signer}. */
    public static MintingKey generate(String signer, String id) {
        SigningKey key = SigningKey.generate();
        return new MintingKey(new SignerKey(signer, id, key.publicKey()), key);
    }

    /**
     * Rebuilds a key from its PKCS#8 encoding and the identity recorded with it, refusing a private
     * key that does not belong to the recorded public key.
     */
    static MintingKey fromPkcs8(SignerKey identity, byte[] pkcs8) {
        return new MintingKey(identity, SigningKey.fromPkcs8(pkcs8, identity.key()));
    }

    public SignerKey identity() {
        return identity;
    }

    byte[] pkcs8() {
        return key.pkcs8();
    }

    byte[] sign(byte[] message) {
        return key.sign(message, 0, message.length);
    }

    @Override
    public String toString() {
        return "MintingKey[" + identity + "]"; // never the private part
    }
}
