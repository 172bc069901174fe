package dev.kwam.placement.census;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.pekko.cluster.ddata.AbstractDeltaReplicatedData;
import org.apache.pekko.cluster.ddata.DeltaReplicatedData;
import org.apache.pekko.cluster.ddata.ReplicatedDelta;

/**
 * The value of one object key of the census ({@link CensusKeys#OBJECT_SHARDS} of them): objects
 * sorted by cid. An object's cid names its signed manifest, so its content cid, size and stripe
 * count never legitimately differ between writers; they merge by a total order anyway (newest
 * {@code createdAtMillis}, then content cid, size, stripes) so the merge stays a join even if they
 * do. Manifest holders merge as a grow-only set union, kept sorted and interned.
 *
 * <p>A delta CRDT like {@link StripeShard}: an update's delta is a shard holding just that object.
 */
@DefaultSerializer(ObjectShardSerializer.class)
public final class ObjectShard extends AbstractDeltaReplicatedData<ObjectShard, ObjectShard>
        implements ReplicatedDelta, KwamSerializable {
    static final ObjectShard EMPTY = new ObjectShard(new ObjectEntry[0], null);
    private static final Comparator<ObjectEntry> BY_OBJECT = Comparator.comparing(ObjectEntry::object);
    private static final Comparator<ObjectEntry> SCALARS = Comparator.comparingLong(ObjectEntry::createdAtMillis)
            .thenComparing(ObjectEntry::contentCid).thenComparingLong(ObjectEntry::size)
            .thenComparingInt(ObjectEntry::stripes);

    /** Sorted by object cid; holders sorted, distinct, interned. */
    final ObjectEntry[] entries;
    private final ObjectShard delta;

    ObjectShard(ObjectEntry[] entries, ObjectShard delta) {
        this.entries = entries;
        this.delta = delta;
    }

    /** The entry as the census keeps it: holders sorted, distinct and interned. */
    static ObjectEntry normalized(ObjectEntry e) {
        TreeSet<String> holders = new TreeSet<>(e.manifestHolders());
        List<String> interned = new ArrayList<>(holders.size());
        for (String h : holders) {
            interned.add(Names.intern(h));
        }
        return new ObjectEntry(e.object(), e.contentCid(), e.size(), e.stripes(), interned, e.createdAtMillis());
    }

    public int objectCount() {
        return entries.length;
    }

    Optional<ObjectEntry> lookup(Cid object) {
        int at = find(object);
        return at >= 0 ? Optional.of(entries[at]) : Optional.empty();
    }

    List<ObjectEntry> all() {
        return List.of(entries);
    }

    /** The entries whose cid sorts after {@code cursor}, in cid order. */
    List<ObjectEntry> after(Cid cursor) {
        int at = find(cursor);
        int from = at >= 0 ? at + 1 : -(at + 1);
        return List.of(entries).subList(from, entries.length);
    }

    ObjectShard record(ObjectEntry entry) {
        ObjectEntry e = normalized(entry);
        ObjectShard single = new ObjectShard(new ObjectEntry[] {e}, null);
        ObjectShard merged = mergeData(single);
        return new ObjectShard(merged.entries, delta == null ? single : delta.mergeData(single));
    }

    private int find(Cid object) {
        int lo = 0;
        int hi = entries.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = entries[mid].object().compareTo(object);
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

    static ObjectEntry mergeEntry(ObjectEntry a, ObjectEntry b) {
        if (a.equals(b)) {
            return a;
        }
        ObjectEntry base = SCALARS.compare(a, b) >= 0 ? a : b;
        TreeSet<String> holders = new TreeSet<>(a.manifestHolders());
        holders.addAll(b.manifestHolders());
        List<String> union = List.copyOf(holders);
        if (union.equals(base.manifestHolders())) {
            return base;
        }
        return new ObjectEntry(base.object(), base.contentCid(), base.size(), base.stripes(), union,
                base.createdAtMillis());
    }

    @Override
    public ObjectShard mergeData(ObjectShard that) {
        return new ObjectShard(SortedMerge.merge(entries, that.entries, BY_OBJECT, ObjectShard::mergeEntry), null);
    }

    @Override
    public ObjectShard mergeDeltaData(ObjectShard d) {
        return mergeData(d);
    }

    @Override
    public Optional<ObjectShard> deltaData() {
        return Optional.ofNullable(delta);
    }

    @Override
    public DeltaReplicatedData resetDelta() {
        return delta == null ? this : new ObjectShard(entries, null);
    }

    @Override
    public DeltaReplicatedData zero() {
        return EMPTY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectShard s && Arrays.equals(entries, s.entries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        return "ObjectShard(" + entries.length + " objects)";
    }
}
