package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlanner.StripeState;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The stripes the JHMM watches, each with its census entry as last read and since when it has been below full
 * redundancy; and those whose isolation is still being recorded, which are planned only once it is.
 */
final class TrackedStripes {
    record Tracked(StripeRef ref, StripeEntry entry, long belowFullSinceMillis) {
        StripeState state() {
            return new StripeState(ref, entry, belowFullSinceMillis);
        }
    }

    private final Map<Cid, Tracked> tracked = new HashMap<>();
    private final Map<Cid, Tracked> isolating = new HashMap<>();

    Optional<Tracked> get(Cid stripe) {
        return Optional.ofNullable(tracked.get(stripe));
    }

    void put(Tracked t) {
        tracked.put(t.ref().stripe(), t);
    }

    Optional<Tracked> remove(Cid stripe) {
        return Optional.ofNullable(tracked.remove(stripe));
    }

    /** Every watched stripe's state but those {@code left out}: what the planner plans from. */
    List<StripeState> states(Predicate<Cid> leftOut) {
        List<StripeState> states = new ArrayList<>();
        tracked.forEach((cid, t) -> {
            if (!leftOut.test(cid)) {
                states.add(t.state());
            }
        });
        return states;
    }

    /** Stops watching the stripes {@code keep} says no to. */
    void retain(Predicate<Cid> keep) {
        tracked.keySet().removeIf(keep.negate());
    }

    void isolating(Tracked t) {
        isolating.put(t.ref().stripe(), t);
    }

    boolean isIsolating(Cid stripe) {
        return isolating.containsKey(stripe);
    }

    boolean anyIsolating() {
        return !isolating.isEmpty();
    }

    /** The stripe's isolation is recorded (or failed): what it was tracked as, to be watched from now on. */
    Optional<Tracked> isolated(Cid stripe) {
        return Optional.ofNullable(isolating.remove(stripe));
    }
}
