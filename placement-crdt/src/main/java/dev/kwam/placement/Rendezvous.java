package dev.kwam.placement;

import dev.kwam.codec.Cid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The rendezvous (highest-random-weight) score of a candidate for one fragment of one stripe.
 *
 * <p>Each candidate — a domain {@code kind=value} or a node id — is hashed once, when a topology is
 * indexed: {@code id = first 8 bytes (big-endian) of SHA-256("kwam.placement.v1" ‖ 0 ‖ kind ‖ 0 ‖ value)},
 * kind {@code "node"} for nodes. Per placement only the cheap keyed mix below runs:
 * <pre>
 *   score(stripe, fragment, id) = mix(mix(id ⊕ k0) ⊕ k1 ⊕ (fragment + 1)·0x9E3779B97F4A7C15)
 * </pre>
 * where {@code mix} is the SplitMix64 finalizer (Stafford's variant 13, a bijection on 64 bits with full
 * avalanche) and scores compare as unsigned numbers. SHA-256 once per id and per stripe keeps the
 * inputs well spread; the mix per (stripe, fragment, candidate) is what makes 10,000s of placements per
 * second possible. It is stable (pure arithmetic, documented here and in docs/placement.md) but not a
 * secret-keyed PRF: someone who chooses chunk contents can grind stripe ids toward chosen nodes.
 */
final class Rendezvous {
    private static final byte[] TAG = "kwam.placement.v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Rendezvous() {
    }

    /** One digest per thread: indexing 100,000 nodes would otherwise spend most of its time in provider lookup. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Cid::sha256);

    static long idHash(String kind, String value) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        sha.update(TAG);
        sha.update(kind.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    static long nodeHash(NodeId id) {
        return idHash("node", id.value());
    }

    static long score(long k0, long k1, int fragment, long id) {
        return mix(mix(id ^ k0) ^ k1 ^ ((fragment + 1L) * GOLDEN));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
