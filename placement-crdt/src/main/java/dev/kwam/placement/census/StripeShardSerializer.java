package dev.kwam.placement.census;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The wire form of a {@link StripeShard}: a node-name table, then per stripe its digest, k, m and
 * per slot (index, fragment digest, node #, state, stamp, writer #). About 46 bytes per slot.
 * Reading checks every invariant the merge relies on (sorted, unique, states in range) and refuses
 * the value otherwise; the delta field is never written (a delta travels as a shard of its own).
 */
public final class StripeShardSerializer extends Serializer<StripeShard> {
    private static final int DIGEST = StripeRecord.DIGEST;
    private static final int STATES = SlotState.values().length;
    private static final int MIN_SLOT_BYTES = 1 + DIGEST + 1 + 1 + 8 + 1;

    public StripeShardSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, StripeShard shard) {
        NameTable names = new NameTable();
        for (StripeRecord r : shard.records) {
            for (int i = 0; i < r.size(); i++) {
                names.id(r.nodes[i]);
                names.id(r.writers[i]);
            }
        }
        names.write(out);
        out.writeVarInt(shard.records.length, true);
        for (StripeRecord r : shard.records) {
            out.writeBytes(r.stripe);
            out.writeVarInt(r.k, true);
            out.writeVarInt(r.m, true);
            out.writeVarInt(r.size(), true);
            for (int i = 0; i < r.size(); i++) {
                out.writeByte(r.indexes[i]);
                out.writeBytes(r.fragments, i * DIGEST, DIGEST);
                out.writeVarInt(names.id(r.nodes[i]), true);
                out.writeByte(r.states[i]);
                out.writeLong(r.stamps[i]);
                out.writeVarInt(names.id(r.writers[i]), true);
            }
        }
    }

    @Override
    public StripeShard read(Kryo kryo, Input in, Class<? extends StripeShard> type) {
        String[] names = NameTable.read(in);
        int count = Wire.count(in, DIGEST + 3, "stripes");
        StripeRecord[] records = new StripeRecord[count];
        for (int s = 0; s < count; s++) {
            byte[] stripe = in.readBytes(DIGEST);
            int k = in.readVarInt(true);
            int m = in.readVarInt(true);
            int n = Wire.count(in, MIN_SLOT_BYTES, "slots");
            if (n > 256) {
                throw new KryoException("a stripe with " + n + " slots (at most 256)");
            }
            byte[] indexes = new byte[n];
            byte[] fragments = new byte[n * DIGEST];
            String[] nodes = new String[n];
            byte[] states = new byte[n];
            long[] stamps = new long[n];
            String[] writers = new String[n];
            for (int i = 0; i < n; i++) {
                indexes[i] = in.readByte();
                if (i > 0 && (indexes[i] & 0xFF) <= (indexes[i - 1] & 0xFF)) {
                    throw new KryoException("slot indexes not strictly ascending");
                }
                in.readBytes(fragments, i * DIGEST, DIGEST);
                nodes[i] = NameTable.lookup(names, in.readVarInt(true));
                states[i] = in.readByte();
                if (states[i] < 0 || states[i] >= STATES) {
                    throw new KryoException("slot state #" + states[i] + " does not exist");
                }
                stamps[i] = in.readLong();
                writers[i] = NameTable.lookup(names, in.readVarInt(true));
            }
            StripeRecord r = new StripeRecord(stripe, k, m, indexes, fragments, nodes, states, stamps, writers);
            if (s > 0 && records[s - 1].compareStripe(stripe) >= 0) {
                throw new KryoException("stripes not strictly ascending");
            }
            records[s] = r;
        }
        return new StripeShard(records, null);
    }
}
