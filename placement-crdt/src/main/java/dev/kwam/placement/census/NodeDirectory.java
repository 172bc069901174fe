package dev.kwam.placement.census;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.kwam.actors.KwamSerializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.cluster.ddata.AbstractReplicatedData;

/**
 * The census's node directory, one key ({@link CensusKeys#NODES}): node name to its latest
 * {@link NodeEntry}, last writer wins by {@code registeredAtMillis}. Equal times fall to a total
 * order over the entry's content, so two nodes that saw different registrations stamped the same
 * millisecond still converge on one. A fleet has thousands of nodes, not millions: one key suffices
 * and full-state replication of it is cheap.
 */
@DefaultSerializer(NodeDirectorySerializer.class)
public final class NodeDirectory extends AbstractReplicatedData<NodeDirectory> implements KwamSerializable {
    static final NodeDirectory EMPTY = new NodeDirectory(new NodeEntry[0]);
    private static final Comparator<NodeEntry> BY_NODE = Comparator.comparing(NodeEntry::node);
    static final Comparator<NodeEntry> LWW = Comparator.comparingLong(NodeEntry::registeredAtMillis)
            .thenComparing(NodeEntry::spiffeId).thenComparing(NodeEntry::dataEndpoint)
            .thenComparing(NodeEntry::manifestKey).thenComparing(e -> new TreeMap<>(e.domains()).toString());

    /** Sorted by node name, distinct. */
    final NodeEntry[] entries;

    NodeDirectory(NodeEntry[] entries) {
        this.entries = entries;
    }

    List<NodeEntry> all() {
        return List.of(entries);
    }

    static NodeEntry normalized(NodeEntry e) {
        return new NodeEntry(Names.intern(e.node()), e.spiffeId(), e.dataEndpoint(), Map.copyOf(e.domains()),
                e.manifestKey(), e.registeredAtMillis());
    }

    NodeDirectory register(NodeEntry entry) {
        return mergeData(new NodeDirectory(new NodeEntry[] {normalized(entry)}));
    }

    @Override
    public NodeDirectory mergeData(NodeDirectory that) {
        return new NodeDirectory(SortedMerge.merge(entries, that.entries, BY_NODE, (x, y) -> LWW.compare(x, y) >= 0 ? x : y));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeDirectory d && Arrays.equals(entries, d.entries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        return "NodeDirectory(" + entries.length + " nodes)";
    }
}
