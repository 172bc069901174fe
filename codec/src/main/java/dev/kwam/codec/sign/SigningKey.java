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
    private static final byte[] PROBE = "kwam key pair probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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

    /**
     * Rebuilds a key from its PKCS#8 encoding and the public key recorded beside it, refusing a
     * private key that does not belong to that public key (a signature probe, not trust in the file).
     */
    public static SigningKey fromPkcs8(byte[] pkcs8, PublicKey publicKey) {
        PrivateKey privateKey;
        try {
            privateKey = java.security.KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
        SigningKey key = new SigningKey(privateKey, publicKey);
        byte[] sig = key.sign(PROBE, 0, PROBE.length);
        if (!publicKey.verifies(PROBE, 0, PROBE.length, sig)) {
            throw new IllegalArgumentException("the private key does not belong to the public key " + publicKey);
        }
        return key;
    }

    /** The PKCS#8 encoding of the private key, for the one file its owner keeps. */
    public byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    @Override
    public String toString() {
        return "SigningKey[" + publicKey + "]"; // never the private part
    }

    public PublicKey publicKey() {
        return publicKey;
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
