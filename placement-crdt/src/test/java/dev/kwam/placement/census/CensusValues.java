package dev.kwam.placement.census;

import static dev.kwam.placement.census.CensusFixtures.cid;

import dev.kwam.codec.Cid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random census values over deliberately small pools (few stripes, slots, writers, stamps), so
 * that random pairs collide on the same stripe, the same slot and even the same stamp: the cases
 * the merge's tie-breaks exist for.
 */
final class CensusValues {
    private static final String[] NODES = {"n1", "n2", "n3"};
    private static final String[] WRITERS = {"w1", "w2"};
    private static final Cid[] STRIPES = {cid("s0"), cid("s1"), cid("s2"), cid("s3")};
    private static final Cid[] FRAGMENTS = {cid("f0"), cid("f1"), cid("f2")};

    private CensusValues() {
    }

    static StripeShard stripeShard(Random random) {
        List<StripeRecord> records = new ArrayList<>();
        for (Cid stripe : STRIPES) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                if (random.nextBoolean()) {
                    idx.add(i);
                }
            }
            int n = idx.size();
            byte[] indexes = new byte[n];
            byte[] fragments = new byte[n * 32];
            String[] nodes = new String[n];
            byte[] states = new byte[n];
            long[] stamps = new long[n];
            String[] writers = new String[n];
            for (int i = 0; i < n; i++) {
                indexes[i] = (byte) (int) idx.get(i);
                System.arraycopy(FRAGMENTS[random.nextInt(FRAGMENTS.length)].digest(), 0, fragments, i * 32, 32);
                nodes[i] = NODES[random.nextInt(NODES.length)];
                states[i] = (byte) random.nextInt(SlotState.values().length);
                stamps[i] = random.nextInt(3);
                writers[i] = WRITERS[random.nextInt(WRITERS.length)];
            }
            records.add(new StripeRecord(stripe.digest(), 4 + random.nextInt(2), 2, indexes, fragments, nodes, states,
                    stamps, writers));
        }
        records.sort((a, b) -> a.compareStripe(b.stripe));
        return new StripeShard(records.toArray(new StripeRecord[0]), null);
    }

    static ObjectShard objectShard(Random random) {
        Map<Cid, ObjectEntry> byCid = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            if (random.nextBoolean()) {
                continue;
            }
            List<String> holders = new ArrayList<>();
            for (String n : NODES) {
                if (random.nextBoolean()) {
                    holders.add(n);
                }
            }
            Cid object = cid("object-" + i);
            byCid.put(object, ObjectShard.normalized(new ObjectEntry(object, FRAGMENTS[random.nextInt(2)],
                    random.nextInt(2), 1, holders, random.nextInt(2))));
        }
        ObjectEntry[] entries = byCid.values().toArray(new ObjectEntry[0]);
        Arrays.sort(entries, (a, b) -> a.object().compareTo(b.object()));
        return new ObjectShard(entries, null);
    }

    static NodeDirectory nodeDirectory(Random random) {
        List<NodeEntry> entries = new ArrayList<>();
        for (String name : NODES) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            entries.add(NodeDirectory.normalized(new NodeEntry(name, "spiffe://t/" + random.nextInt(2),
                    "h:" + random.nextInt(2), Map.of("rack", "r" + random.nextInt(2)), "k" + random.nextInt(2),
                    random.nextInt(2))));
        }
        return new NodeDirectory(entries.toArray(new NodeEntry[0]));
    }
}
