package dev.kwam.placement.census;

import dev.kwam.codec.Cid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One {@link Census.ListObjects} in flight: every object key is read locally and the answer is the
 * first {@code limit} objects in cid order after the cursor (keys are cid prefixes, so key order then
 * cid order within a key is global cid order). Each key keeps at most {@code limit}, so memory is
 * bounded by keys × limit, not by the census.
 */
final class ObjectListing {
    final ActorRef<Census.ObjectList> replyTo;
    private final int limit;
    private final Optional<Cid> after;
    private final List<List<ObjectEntry>> perShard = new ArrayList<>();
    private int shardsLeft = CensusKeys.OBJECT_SHARDS;

    ObjectListing(ActorRef<Census.ObjectList> replyTo, int limit, Optional<Cid> after) {
        this.replyTo = replyTo;
        this.limit = limit;
        this.after = after;
        for (int i = 0; i < CensusKeys.OBJECT_SHARDS; i++) {
            perShard.add(List.of());
        }
    }

    void take(int shard, ObjectShard value) {
        List<ObjectEntry> all = after.map(value::after).orElseGet(value::all);
        perShard.set(shard, all.size() > limit ? all.subList(0, limit) : all);
        shardsLeft--;
    }

    boolean done() {
        return shardsLeft == 0;
    }

    List<ObjectEntry> result() {
        List<ObjectEntry> out = new ArrayList<>();
        for (List<ObjectEntry> shard : perShard) {
            for (ObjectEntry e : shard) {
                if (out.size() == limit) {
                    return out;
                }
                out.add(e);
            }
        }
        return out;
    }
}
