package dev.kwam.codec.sign;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * An Ed25519 private key with its public half. Keys live with people, never on servers: the SDK
 * signs manifests with one, and nothing in KWAM ever writes one anywhere but the file its owner chose.
 */
public final class SigningKey {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair from the JDK's Ed25519 provider. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), PublicKey.fromJava(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate Ed25519 keys", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** Ed25519 signature (64 bytes) over {@code message}; deterministic for a given key and message. */
    public byte[] sign(byte[] message, int offset, int length) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message, offset, length);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
