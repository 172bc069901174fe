package dev.kwam.node.testkit;

import dev.kwam.codec.Cid;
import dev.kwam.node.api.CensusBehavior;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.NodeEntry;
import dev.kwam.placement.census.ObjectEntry;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A test double of the census protocol: one in-memory table shared by every node of a test that
 * uses the same instance (the nodes run in one JVM), answering at once. It stands in where a test
 * is about the node rather than about Distributed Data; it has none of the real census's
 * replication, and nothing in main code uses it.
 */
public final class InJvmCensus implements CensusBehavior {
    private final Map<String, NodeEntry> nodes = new ConcurrentHashMap<>();
    private final Map<Cid, Map<Integer, FragmentSlot>> stripes = new ConcurrentHashMap<>();
    private final Map<Cid, int[]> geometry = new ConcurrentHashMap<>();
    private final Map<Cid, ObjectEntry> objects = new ConcurrentSkipListMap<>();

    @Override
    public Behavior<Census.Command> create(dev.kwam.node.config.NodeSettings settings) {
        return Behaviors.receive(Census.Command.class)
                .onMessage(Census.RegisterNode.class, r -> {
                    nodes.put(r.entry().node(), r.entry());
                    r.replyTo().tell(Done.getInstance());
                    return Behaviors.same();
                })
                .onMessage(Census.GetNodes.class, g -> {
                    g.replyTo().tell(new Census.Nodes(new ArrayList<>(nodes.values())));
                    return Behaviors.same();
                })
                .onMessage(Census.RecordFragments.class, r -> {
                    geometry.put(r.stripe(), new int[] {r.k(), r.m()});
                    Map<Integer, FragmentSlot> slots = stripes.computeIfAbsent(r.stripe(), s -> new ConcurrentHashMap<>());
                    r.slots().forEach(slot -> slots.put(slot.index(), slot));
                    r.replyTo().tell(new Census.Recorded(r.stripe(), true));
                    return Behaviors.same();
                })
                .onMessage(Census.LookupStripes.class, l -> {
                    Map<Cid, StripeEntry> found = new HashMap<>();
                    for (Cid s : l.stripes()) {
                        Map<Integer, FragmentSlot> slots = stripes.get(s);
                        if (slots != null) {
                            int[] km = geometry.get(s);
                            found.put(s, new StripeEntry(s, km[0], km[1], new ArrayList<>(new TreeMap<>(slots).values())));
                        }
                    }
                    l.replyTo().tell(new Census.Stripes(found));
                    return Behaviors.same();
                })
                .onMessage(Census.RecordObject.class, r -> {
                    objects.put(r.entry().object(), r.entry());
                    r.replyTo().tell(new Census.Recorded(r.entry().object(), true));
                    return Behaviors.same();
                })
                .onMessage(Census.LookupObject.class, l -> {
                    l.replyTo().tell(new Census.ObjectFound(l.object(), Optional.ofNullable(objects.get(l.object()))));
                    return Behaviors.same();
                })
                .onMessage(Census.ListObjects.class, l -> {
                    l.replyTo().tell(new Census.ObjectList(objects.values().stream().limit(l.limit()).toList()));
                    return Behaviors.same();
                })
                .build();
    }

    /** Test hook: the slots recorded for a stripe. */
    public List<FragmentSlot> slots(Cid stripe) {
        return new ArrayList<>(new TreeMap<>(stripes.getOrDefault(stripe, Map.of())).values());
    }

    public Map<Cid, ObjectEntry> objects() {
        return Map.copyOf(objects);
    }

    /** Test hook: overwrite a slot, as a scrub or a lost node would. */
    public void setSlot(Cid stripe, FragmentSlot slot) {
        stripes.computeIfAbsent(stripe, s -> new ConcurrentHashMap<>()).put(slot.index(), slot);
    }
}
