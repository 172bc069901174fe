package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A one-replica census speaking the real protocol: slots merge by index, the newest write wins. Its
 * reads can be frozen (a replica that lags behind the writes).
 */
final class CensusStub {
    final Map<Cid, StripeEntry> stripes = new ConcurrentHashMap<>();
    final List<Census.RecordFragments> writes = new CopyOnWriteArrayList<>();
    /** When set, lookups answer from this snapshot: writes are taken but never read back. */
    private volatile Map<Cid, StripeEntry> frozen;

    Behavior<Census.Command> behavior() {
        return Behaviors.receive(Census.Command.class)
                .onMessage(Census.RecordFragments.class, m -> {
                    writes.add(m);
                    merge(m.stripe(), m.k(), m.m(), m.slots());
                    m.replyTo().tell(new Census.Recorded(m.stripe(), true));
                    return Behaviors.same();
                })
                .onMessage(Census.LookupStripes.class, m -> {
                    Map<Cid, StripeEntry> found = new java.util.HashMap<>();
                    for (Cid c : m.stripes()) {
                        StripeEntry e = (frozen != null ? frozen : stripes).get(c);
                        if (e != null) {
                            found.put(c, e);
                        }
                    }
                    m.replyTo().tell(new Census.Stripes(found));
                    return Behaviors.same();
                })
                .onMessage(Census.RegisterNode.class, m -> {
                    m.replyTo().tell(Done.getInstance());
                    return Behaviors.same();
                })
                .build();
    }

    void freezeReads() {
        frozen = Map.copyOf(stripes);
    }

    void put(StripeEntry entry) {
        stripes.put(entry.stripe(), entry);
    }

    private synchronized void merge(Cid stripe, int k, int m, List<FragmentSlot> slots) {
        TreeMap<Integer, FragmentSlot> merged = new TreeMap<>();
        StripeEntry before = stripes.get(stripe);
        if (before != null) {
            before.slots().forEach(s -> merged.put(s.index(), s));
        }
        slots.forEach(s -> merged.put(s.index(), s));
        stripes.put(stripe, new StripeEntry(stripe, k, m, new ArrayList<>(merged.values())));
    }
}
