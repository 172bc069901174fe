package dev.kwam.placement.census;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.kwam.codec.Cid;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of an {@link ObjectShard}: a holder-name table, then per object its cid, content
 * cid, size, stripe count, creation time and holder numbers. Reading refuses unsorted objects and
 * re-normalizes holders, so a peer cannot plant a value the merge would mis-handle.
 */
public final class ObjectShardSerializer extends Serializer<ObjectShard> {
    private static final int DIGEST = Cid.DIGEST_BYTES;

    public ObjectShardSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, ObjectShard shard) {
        NameTable names = new NameTable();
        for (ObjectEntry e : shard.entries) {
            e.manifestHolders().forEach(names::id);
        }
        names.write(out);
        out.writeVarInt(shard.entries.length, true);
        for (ObjectEntry e : shard.entries) {
            out.writeBytes(e.object().digest());
            out.writeBytes(e.contentCid().digest());
            out.writeVarLong(e.size(), false);
            out.writeVarInt(e.stripes(), false);
            out.writeLong(e.createdAtMillis());
            out.writeVarInt(e.manifestHolders().size(), true);
            for (String h : e.manifestHolders()) {
                out.writeVarInt(names.id(h), true);
            }
        }
    }

    @Override
    public ObjectShard read(Kryo kryo, Input in, Class<? extends ObjectShard> type) {
        String[] names = NameTable.read(in);
        int count = Wire.count(in, 2 * DIGEST + 11, "objects");
        ObjectEntry[] entries = new ObjectEntry[count];
        for (int i = 0; i < count; i++) {
            Cid object = Cid.ofDigest(in.readBytes(DIGEST));
            Cid content = Cid.ofDigest(in.readBytes(DIGEST));
            long size = in.readVarLong(false);
            int stripes = in.readVarInt(false);
            long created = in.readLong();
            int holders = Wire.count(in, 1, "manifest holders");
            List<String> list = new ArrayList<>(holders);
            for (int h = 0; h < holders; h++) {
                list.add(NameTable.lookup(names, in.readVarInt(true)));
            }
            entries[i] = ObjectShard.normalized(new ObjectEntry(object, content, size, stripes, list, created));
            if (i > 0 && entries[i - 1].object().compareTo(object) >= 0) {
                throw new KryoException("objects not strictly ascending");
            }
        }
        return new ObjectShard(entries, null);
    }
}
