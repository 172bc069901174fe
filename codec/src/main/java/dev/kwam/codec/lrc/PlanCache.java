package dev.kwam.codec.lrc;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The most recently used recovery plans, keyed by the pattern of present shards. A stripe's losses
 * repeat (one dead node shows up as the same missing index in thousands of stripes), so the
 * elimination runs once per pattern; the bound keeps adversarial or exotic patterns from growing it.
 */
final class PlanCache {
    static final int CAPACITY = 128;

    private final Map<BitSet, RecoveryPlan> plans = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<BitSet, RecoveryPlan> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The plan for {@code present}; computed outside the lock, so two threads may both compute a new one. */
    RecoveryPlan get(boolean[] present, Function<boolean[], RecoveryPlan> planner) {
        BitSet key = new BitSet(present.length);
        for (int s = 0; s < present.length; s++) {
            key.set(s, present[s]);
        }
        synchronized (plans) {
            RecoveryPlan cached = plans.get(key);
            if (cached != null) {
                return cached;
            }
        }
        RecoveryPlan plan = planner.apply(present.clone());
        synchronized (plans) {
            plans.putIfAbsent(key, plan);
        }
        return plan;
    }

    int size() {
        synchronized (plans) {
            return plans.size();
        }
    }
}
