package dev.kwam.placement.census;

import dev.kwam.codec.Cid;
import org.apache.pekko.cluster.ddata.Key;

/**
 * How the census is split over Distributed Data's top-level keys. Fixed numbers, not settings: every
 * node of a cluster must file a stripe under the same key, so changing one moves the whole census.
 *
 * <ul>
 *   <li>{@value #STRIPE_SHARDS} stripe keys, by the first byte of the stripe cid: at a million fragments
 *       (about 71,500 stripes of 14) a key holds about 280 stripes, about 180 KB on the wire, under
 *       Artery's default 256 KiB frame for a full-state gossip; writes ship deltas of one stripe.</li>
 *   <li>{@value #OBJECT_SHARDS} object keys, by the top six bits of the object cid: objects are
 *       far fewer than stripes (one per protected file, many stripes each).</li>
 *   <li>one node-directory key: thousands of entries at most.</li>
 * </ul>
 * 321 keys in all, far below the 100,000 top-level entries Distributed Data is built for; cids are
 * SHA-256 digests, so keys fill evenly.
 */
public final class CensusKeys {
    public static final int STRIPE_SHARDS = 256;
    public static final int OBJECT_SHARDS = 64;
    public static final Key<NodeDirectory> NODES = new NodeDirectoryKey("kwam-census-nodes");

    private static final StripeShardKey[] STRIPES = new StripeShardKey[STRIPE_SHARDS];
    private static final ObjectShardKey[] OBJECTS = new ObjectShardKey[OBJECT_SHARDS];

    static {
        for (int i = 0; i < STRIPE_SHARDS; i++) {
            STRIPES[i] = new StripeShardKey(String.format("kwam-census-stripes-%02x", i));
        }
        for (int i = 0; i < OBJECT_SHARDS; i++) {
            OBJECTS[i] = new ObjectShardKey(String.format("kwam-census-objects-%02d", i));
        }
    }

    private CensusKeys() {
    }

    public static int stripeShard(Cid stripe) {
        return stripe.digest()[0] & 0xFF;
    }

    public static int objectShard(Cid object) {
        return (object.digest()[0] & 0xFF) >>> 2;
    }

    public static Key<StripeShard> stripeKey(int shard) {
        return STRIPES[shard];
    }

    public static Key<ObjectShard> objectKey(int shard) {
        return OBJECTS[shard];
    }

    static final class StripeShardKey extends Key<StripeShard> {
        StripeShardKey(String id) {
            super(id);
        }
    }

    static final class ObjectShardKey extends Key<ObjectShard> {
        ObjectShardKey(String id) {
            super(id);
        }
    }

    static final class NodeDirectoryKey extends Key<NodeDirectory> {
        NodeDirectoryKey(String id) {
            super(id);
        }
    }
}
