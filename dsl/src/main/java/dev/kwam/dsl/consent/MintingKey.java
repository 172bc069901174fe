package dev.kwam.dsl.consent;

import dev.kwam.codec.sign.PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A person's private Ed25519 key for signing consent tokens, with the identity its public half has
 * in keyrings. It exists in the memory of {@code kwam consent mint/cosign} and in the file its
 * owner keeps; nothing in a node ever holds one.
 *
 * <p>Why not codec's {@code SigningKey}: it can be created or read only as the fixed pair
 * {@code kwam.key}/{@code kwam.pub} in a directory, with no way to import or export PKCS#8, and a
 * consent key directory holds one {@code ID.key} per person. The signing itself is the same JDK
 * Ed25519; verification goes through codec's {@link PublicKey}.
 */
public final class MintingKey {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key is the 32 bytes after it. */
    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PROBE = "kwam consent key pair probe".getBytes(StandardCharsets.US_ASCII);

    private final SignerKey identity;
    private final PrivateKey privateKey;

    private MintingKey(SignerKey identity, PrivateKey privateKey) {
        this.identity = identity;
        this.privateKey = privateKey;
    }

    /** A fresh key for {@code id} signing for {@code signer}. */
    public static MintingKey generate(String signer, String id) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            if (spki.length != X509_ED25519_PREFIX.length + PublicKey.BYTES
                    || !Arrays.equals(spki, 0, X509_ED25519_PREFIX.length, X509_ED25519_PREFIX, 0, X509_ED25519_PREFIX.length)) {
                throw new IllegalStateException("the JDK encoded an Ed25519 public key unexpectedly");
            }
            PublicKey pub = PublicKey.fromRaw(Arrays.copyOfRange(spki, X509_ED25519_PREFIX.length, spki.length));
            return new MintingKey(new SignerKey(signer, id, pub), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate Ed25519 keys", e);
        }
    }

    /**
     * Rebuilds a key from its PKCS#8 encoding and the identity recorded with it, refusing a private
     * key that does not belong to the recorded public key.
     */
    static MintingKey fromPkcs8(SignerKey identity, byte[] pkcs8) {
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
        MintingKey key = new MintingKey(identity, privateKey);
        byte[] sig = key.sign(PROBE);
        if (!identity.key().verifies(PROBE, 0, PROBE.length, sig)) {
            throw new IllegalArgumentException("the private key does not belong to the public key " + identity.key()
                    + " written next to it");
        }
        return key;
    }

    public SignerKey identity() {
        return identity;
    }

    byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "MintingKey[" + identity + "]"; // never the private part
    }
}
