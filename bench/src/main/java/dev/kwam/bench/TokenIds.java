package dev.kwam.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fresh consent-token ids for the spend benchmark; a run's prefix keeps them apart from every other run's. */
final class TokenIds {
    private TokenIds() {
    }

    static List<String> sequence(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    /**
     * One id for each of the ledger's {@code shards}, by the rule Pekko's default extractor places an entity
     * ({@code abs(id.hashCode % shards)}). Spending these first allocates every shard, as on a node that has run
     * a while; otherwise the measured spends would also pay each shard's first allocation by the coordinator.
     */
    static List<String> onePerShard(String prefix, int shards) {
        Map<Integer, String> byShard = new HashMap<>();
        for (long k = 0; byShard.size() < shards; k++) {
            String id = prefix + k;
            byShard.putIfAbsent(Math.abs(id.hashCode() % shards), id);
        }
        return new ArrayList<>(byShard.values());
    }
}
