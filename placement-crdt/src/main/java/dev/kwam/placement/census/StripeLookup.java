package dev.kwam.placement.census;

import dev.kwam.codec.Cid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** One {@link Census.LookupStripes} in flight: the stripes asked for, grouped by key, and what was found. */
final class StripeLookup {
    final ActorRef<Census.Stripes> replyTo;
    final Map<Cid, StripeEntry> found = new HashMap<>();
    private final Map<Integer, List<Cid>> byShard;
    private int shardsLeft;

    StripeLookup(ActorRef<Census.Stripes> replyTo, Map<Integer, List<Cid>> byShard) {
        this.replyTo = replyTo;
        this.byShard = byShard;
        this.shardsLeft = byShard.size();
    }

    /** Takes what {@code value} holds of the stripes asked for in {@code shard}; true when it had them all. */
    boolean take(int shard, StripeShard value) {
        boolean all = true;
        for (Cid stripe : byShard.get(shard)) {
            if (found.containsKey(stripe)) {
                continue;
            }
            var r = value.lookup(stripe);
            if (r.isPresent()) {
                found.put(stripe, r.get().toEntry());
            } else {
                all = false;
            }
        }
        return all;
    }

    /** Marks one key as answered for good; true when it was the last. */
    boolean shardDone() {
        return --shardsLeft == 0;
    }
}
