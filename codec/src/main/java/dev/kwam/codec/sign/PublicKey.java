package dev.kwam.codec.sign;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 public key, carried as its 32-byte RFC 8032 encoding. Its text form
 * {@code ed25519:<64 hex>} is how people compare keys and how manifests name their signer.
 */
public final class PublicKey {
    public static final int BYTES = 32;
    public static final String PREFIX = "ed25519:";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] raw;
    private final java.security.PublicKey javaKey;

    private PublicKey(byte[] raw, java.security.PublicKey javaKey) {
        this.raw = raw;
        this.javaKey = javaKey;
    }

    /** Decodes a raw 32-byte Ed25519 key, refusing anything that is not a valid curve point. */
    public static PublicKey fromRaw(byte[] raw) {
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] copy = raw.clone();
        // RFC 8032 5.1.3: little-endian y with the sign of x in the top bit of the last byte.
        boolean xOdd = (copy[BYTES - 1] & 0x80) != 0;
        byte[] yBigEndian = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            yBigEndian[i] = copy[BYTES - 1 - i];
        }
        yBigEndian[0] &= 0x7F;
        try {
            EdECPublicKeySpec spec = new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                    new EdECPoint(xOdd, new BigInteger(1, yBigEndian)));
            java.security.PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(spec);
            // The JDK decodes the point lazily; initVerify is where an off-curve key is refused.
            Signature.getInstance("Ed25519").initVerify(key);
            return new PublicKey(copy, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** Parses {@code ed25519:<64 hex>}. */
    public static PublicKey parse(String text) {
        String t = text.trim();
        if (!t.startsWith(PREFIX) || t.length() != PREFIX.length() + 2 * BYTES) {
            throw new IllegalArgumentException("not a public key: '" + text + "' (expected ed25519: and 64 hex digits)");
        }
        try {
            return fromRaw(HEX.parseHex(t.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a public key: '" + text + "': " + e.getMessage(), e);
        }
    }

    static PublicKey fromJava(java.security.PublicKey key) {
        if (!(key instanceof EdECPublicKey ed)) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
        }
        EdECPoint point = ed.getPoint();
        byte[] y = point.getY().toByteArray();
        byte[] raw = new byte[BYTES];
        for (int i = 0; i < Math.min(y.length, BYTES); i++) {
            raw[i] = y[y.length - 1 - i];
        }
        if (point.isXOdd()) {
            raw[BYTES - 1] |= (byte) 0x80;
        }
        return new PublicKey(raw, key);
    }

    public byte[] raw() {
        return raw.clone();
    }

    java.security.PublicKey javaKey() {
        return javaKey;
    }

    /** True when {@code signature} is this key's Ed25519 signature of {@code message[offset, offset+length)}. */
    public boolean verifies(byte[] message, int offset, int length, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(javaKey);
            verifier.update(message, offset, length);
            return verifier.verify(signature);
        } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
            return false; // a malformed signature or key is a signature that does not verify
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification unavailable", e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + HEX.formatHex(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey k && Arrays.equals(raw, k.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
