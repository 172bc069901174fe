package dev.kwam.placement.census;

import dev.kwam.codec.Cid;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link Census.ScanStripes} in flight: every stripe key is read locally and each entry the scan
 * matches is kept. Memory is bounded by what matches, not by the census.
 */
final class StripeScan {
    final Census.ScanStripes scan;
    final Map<Cid, StripeEntry> found = new HashMap<>();
    private int shardsLeft = CensusKeys.STRIPE_SHARDS;

    StripeScan(Census.ScanStripes scan) {
        this.scan = scan;
    }

    /** Takes one key's value; true when it was the last key. */
    boolean take(StripeShard shard) {
        for (StripeRecord record : shard.records) {
            StripeEntry entry = record.toEntry();
            if (scan.matches(entry)) {
                found.put(entry.stripe(), entry);
            }
        }
        return --shardsLeft == 0;
    }
}
