package dev.kwam.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content id: the SHA-256 of some bytes, written {@code sha256:<64 lowercase hex>}. The only
 * accepted text form is exactly that; uppercase, short or prefixed variants are refused so that one
 * piece of content has one name.
 */
public final class Cid implements Comparable<Cid> {
    public static final String PREFIX = "sha256:";
    public static final int DIGEST_BYTES = 32;
    private static final Pattern TEXT = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] digest;

    private Cid(byte[] digest) {
        this.digest = digest;
    }

    /** Wraps a 32-byte SHA-256 digest (copied). */
    public static Cid ofDigest(byte[] digest) {
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
        }
        return new Cid(digest.clone());
    }

    /** The cid of {@code bytes[offset, offset+length)}. */
    public static Cid of(byte[] bytes, int offset, int length) {
        MessageDigest sha = sha256();
        sha.update(bytes, offset, length);
        return new Cid(sha.digest());
    }

    public static Cid of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** Parses the text form, refusing anything that is not exactly {@code sha256:<64 lowercase hex>}. */
    public static Cid parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "not a content id: '" + text + "' (expected sha256: followed by 64 lowercase hex digits)"));
    }

    public static Optional<Cid> tryParse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Cid(HEX.parseHex(text, PREFIX.length(), text.length())));
    }

    public static boolean isValid(String text) {
        return text != null && TEXT.matcher(text).matches();
    }

    /** A fresh SHA-256 digest; every JDK ships one, so its absence is a broken runtime. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public byte[] digest() {
        return digest.clone();
    }

    /** True when {@code other} holds exactly this digest, compared in constant time. */
    public boolean matches(byte[] otherDigest) {
        return MessageDigest.isEqual(digest, otherDigest);
    }

    public String hex() {
        return HEX.formatHex(digest);
    }

    @Override
    public String toString() {
        return PREFIX + hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid c && Arrays.equals(digest, c.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public int compareTo(Cid o) {
        return Arrays.compareUnsigned(digest, o.digest);
    }
}
