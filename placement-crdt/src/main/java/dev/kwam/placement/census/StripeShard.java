package dev.kwam.placement.census;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.util.Arrays;
import java.util.Optional;
import org.apache.pekko.cluster.ddata.AbstractDeltaReplicatedData;
import org.apache.pekko.cluster.ddata.DeltaReplicatedData;
import org.apache.pekko.cluster.ddata.ReplicatedDelta;

/**
 * The value of one stripe key of the census ({@link CensusKeys#STRIPE_SHARDS} of them): the stripes
 * whose cid starts with that key's byte, sorted by cid, each a {@link StripeRecord}. Merge is the
 * record-wise join (a stripe present on one side only is kept as is).
 *
 * <p>A delta CRDT whose delta is itself a (small) shard holding only what an update changed: a
 * write then ships a few hundred bytes to the other replicas instead of the whole key, which at a
 * million fragments is about 200 KB (docs/placement.md, "The census"). Merging a delta is the same
 * join, so deltas may arrive in any order or twice.
 */
@DefaultSerializer(StripeShardSerializer.class)
public final class StripeShard extends AbstractDeltaReplicatedData<StripeShard, StripeShard>
        implements ReplicatedDelta, KwamSerializable {
    static final StripeShard EMPTY = new StripeShard(new StripeRecord[0], null);

    /** Sorted by stripe digest, unsigned; no two with one stripe. */
    final StripeRecord[] records;
    /** What the update that made this value changed; null once the replicator has taken it. */
    private final StripeShard delta;

    StripeShard(StripeRecord[] records, StripeShard delta) {
        this.records = records;
        this.delta = delta;
    }

    public int stripeCount() {
        return records.length;
    }

    /** How many fragment slots the shard holds over all its stripes. */
    public long slotCount() {
        long n = 0;
        for (StripeRecord r : records) {
            n += r.size();
        }
        return n;
    }

    Optional<StripeRecord> lookup(Cid stripe) {
        int at = find(stripe.digest());
        return at >= 0 ? Optional.of(records[at]) : Optional.empty();
    }

    /** This shard with {@code written} merged in, carrying it as the delta to replicate. */
    StripeShard record(StripeRecord written) {
        byte[] key = written.stripe;
        int at = find(key);
        StripeRecord[] next;
        if (at >= 0) {
            next = records.clone();
            next[at] = records[at].merge(written);
        } else {
            int ins = -at - 1;
            next = new StripeRecord[records.length + 1];
            System.arraycopy(records, 0, next, 0, ins);
            next[ins] = written;
            System.arraycopy(records, ins, next, ins + 1, records.length - ins);
        }
        StripeShard single = new StripeShard(new StripeRecord[] {written}, null);
        return new StripeShard(next, delta == null ? single : delta.mergeData(single));
    }

    private int find(byte[] stripe) {
        int lo = 0;
        int hi = records.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = records[mid].compareStripe(stripe);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    @Override
    public StripeShard mergeData(StripeShard that) {
        StripeRecord[] a = records;
        StripeRecord[] b = that.records;
        if (a == b || b.length == 0) {
            return delta == null ? this : new StripeShard(a, null);
        }
        if (a.length == 0) {
            return that.delta == null ? that : new StripeShard(b, null);
        }
        return new StripeShard(SortedMerge.merge(a, b, (x, y) -> x.compareStripe(y.stripe), StripeRecord::merge), null);
    }

    @Override
    public StripeShard mergeDeltaData(StripeShard d) {
        return mergeData(d);
    }

    @Override
    public Optional<StripeShard> deltaData() {
        return Optional.ofNullable(delta);
    }

    @Override
    public DeltaReplicatedData resetDelta() {
        return delta == null ? this : new StripeShard(records, null);
    }

    @Override
    public DeltaReplicatedData zero() {
        return EMPTY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StripeShard s && Arrays.equals(records, s.records);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(records);
    }

    @Override
    public String toString() {
        return "StripeShard(" + records.length + " stripes, " + slotCount() + " slots)";
    }
}
