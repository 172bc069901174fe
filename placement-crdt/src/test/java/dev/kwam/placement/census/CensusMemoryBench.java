package dev.kwam.placement.census;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.kwam.codec.Cid;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * Heap cost of the census per fragment entry: 71,500 RS(10,4) stripes (1,001,000 fragment slots)
 * over the 256 stripe keys, held as a replica holds them. Two ways: the used heap after repeated
 * full GCs, before and after building (what the JVM really pays), and JOL's deep size of the
 * values. Built twice: as written locally, and as read back off the wire (Kryo), since a replica
 * mostly holds values that arrived by gossip. Not a test: run it by hand (docs/benchmarks.md).
 */
public final class CensusMemoryBench {
    private static final int STRIPES = 71_500;
    private static final int WIDTH = 14;
    private static final int NODES = 500;

    static Object retained;

    public static void main(String[] args) throws Exception {
        boolean wire = args.length > 0 && args[0].equals("wire");
        long before = usedAfterGc();
        StripeShard[] shards = build();
        if (wire) {
            shards = throughTheWire(shards);
        }
        retained = shards;
        long after = usedAfterGc();
        long slots = 0;
        int stripes = 0;
        for (StripeShard s : shards) {
            slots += s.slotCount();
            stripes += s.stripeCount();
        }
        long deep = GraphLayout.parseInstance((Object) shards).totalSize();
        System.out.printf("census memory (%s): %,d stripes, %,d fragment slots in %d keys%n",
                wire ? "read back from Kryo" : "written locally", stripes, slots, shards.length);
        System.out.printf("  used heap after GC: %,d bytes -> %.1f bytes per fragment entry%n", after - before,
                (after - before) / (double) slots);
        System.out.printf("  JOL deep size:      %,d bytes -> %.1f bytes per fragment entry%n", deep, deep / (double) slots);
        System.out.println("  JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private static StripeShard[] build() {
        StripeShard[] shards = new StripeShard[CensusKeys.STRIPE_SHARDS];
        java.util.Arrays.fill(shards, StripeShard.EMPTY);
        String[] writers = {"pekko://kwam@10.0.0.1:25520#1", "pekko://kwam@10.0.0.2:25520#2", "pekko://kwam@10.0.0.3:25520#3"};
        long now = 1_790_000_000_000L;
        for (int s = 0; s < STRIPES; s++) {
            Cid stripe = Cid.of(ByteBuffer.allocate(8).putLong(s).array());
            List<FragmentSlot> slots = new ArrayList<>(WIDTH);
            for (int i = 0; i < WIDTH; i++) {
                Cid fragment = Cid.of(ByteBuffer.allocate(12).putLong(s).putInt(i).array());
                slots.add(new FragmentSlot(i, fragment, "node-" + ((s * 7 + i * 31) % NODES), SlotState.OK));
            }
            int shard = CensusKeys.stripeShard(stripe);
            shards[shard] = shards[shard].record(StripeRecord.written(stripe, 10, 4, slots, now + s, writers[s % 3], null));
        }
        for (int i = 0; i < shards.length; i++) {
            shards[i] = (StripeShard) shards[i].resetDelta();
        }
        return shards;
    }

    private static StripeShard[] throughTheWire(StripeShard[] shards) {
        Kryo kryo = new Kryo();
        kryo.register(StripeShard.class, 1140);
        StripeShard[] back = new StripeShard[shards.length];
        for (int i = 0; i < shards.length; i++) {
            Output out = new Output(4096, 16 << 20);
            kryo.writeObject(out, shards[i]);
            back[i] = kryo.readObject(new Input(out.toBytes()), StripeShard.class);
        }
        return back;
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
