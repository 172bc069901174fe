package dev.kwam.placement.census;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.HashMap;
import java.util.Map;

/** The wire form of a {@link NodeDirectory}: its entries in name order, field by field. */
public final class NodeDirectorySerializer extends Serializer<NodeDirectory> {
    public NodeDirectorySerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, NodeDirectory dir) {
        out.writeVarInt(dir.entries.length, true);
        for (NodeEntry e : dir.entries) {
            out.writeString(e.node());
            out.writeString(e.spiffeId());
            out.writeString(e.dataEndpoint());
            out.writeString(e.manifestKey());
            out.writeLong(e.registeredAtMillis());
            out.writeVarInt(e.domains().size(), true);
            for (Map.Entry<String, String> d : new java.util.TreeMap<>(e.domains()).entrySet()) {
                out.writeString(d.getKey());
                out.writeString(d.getValue());
            }
        }
    }

    @Override
    public NodeDirectory read(Kryo kryo, Input in, Class<? extends NodeDirectory> type) {
        int count = Wire.count(in, 12, "nodes");
        NodeEntry[] entries = new NodeEntry[count];
        for (int i = 0; i < count; i++) {
            String node = text(in);
            String spiffe = text(in);
            String endpoint = text(in);
            String key = text(in);
            long at = in.readLong();
            int domains = Wire.count(in, 2, "domain labels");
            Map<String, String> labels = new HashMap<>();
            for (int d = 0; d < domains; d++) {
                labels.put(text(in), text(in));
            }
            entries[i] = NodeDirectory.normalized(new NodeEntry(node, spiffe, endpoint, labels, key, at));
            if (i > 0 && entries[i - 1].node().compareTo(node) >= 0) {
                throw new KryoException("nodes not strictly ascending by name");
            }
        }
        return new NodeDirectory(entries);
    }

    private static String text(Input in) {
        String s = in.readString();
        if (s == null) {
            throw new KryoException("a null string in a node directory");
        }
        return s;
    }
}
