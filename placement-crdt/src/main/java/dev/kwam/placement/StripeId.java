package dev.kwam.placement;

import dev.kwam.codec.Cid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What the placer hashes for a stripe: 128 bits taken from SHA-256 over a fixed tag and the
 * stripe's name. A stripe is one chunk's k+m fragments, so the chunk's cid names it
 * ({@link #ofChunk}); identical chunks of different objects therefore share one placement.
 *
 * <p>The derivation is part of the placement format: every node, in any language, must compute
 * {@code SHA-256("kwam.placement.stripe.v1" ‖ 0x00 ‖ name)} and read {@code k0}, {@code k1} as the first
 * two big-endian 64-bit words. Changing it moves every fragment.
 */
public record StripeId(long k0, long k1) {
    private static final byte[] TAG = "kwam.placement.stripe.v1\0".getBytes(StandardCharsets.US_ASCII);

    /** The stripe of the chunk whose cid is {@code chunk} (the name is the cid's 32 digest bytes). */
    public static StripeId ofChunk(Cid chunk) {
        return ofName(chunk.digest());
    }

    /** The stripe named by arbitrary bytes (tests, modeled fleets, other stripe schemes). */
    public static StripeId ofName(byte[] name) {
        MessageDigest sha = Cid.sha256();
        sha.update(TAG);
        sha.update(name);
        ByteBuffer words = ByteBuffer.wrap(sha.digest());
        return new StripeId(words.getLong(), words.getLong());
    }

    @Override
    public String toString() {
        return String.format("stripe:%016x%016x", k0, k1);
    }
}
