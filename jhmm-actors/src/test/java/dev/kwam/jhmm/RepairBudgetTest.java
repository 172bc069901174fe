package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.policy.ReplicateBlock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The budget on a clock the test turns by hand. */
class RepairBudgetTest {
    private static final long MB = 1_000_000;

    /** A clock that only moves when told. */
    static final class ManualClock {
        long nanos = 1_000;

        void advance(Duration d) {
            nanos += d.toNanos();
        }
    }

    @Test
    void concurrentStripesAreBoundedAndAdjustableWhileRunning() {
        RepairBudget budget = new RepairBudget(new RepairBudget.Limits(2, 0));
        assertTrue(budget.tryStartStripe());
        assertTrue(budget.tryStartStripe());
        assertFalse(budget.tryStartStripe(), "a third stripe exceeds max_concurrent = 2");

        budget.adjust(new RepairBudget.Limits(3, 0));
        assertTrue(budget.tryStartStripe());
        assertFalse(budget.tryStartStripe());

        budget.adjust(new RepairBudget.Limits(1, 0));
        budget.stripeFinished();
        assertFalse(budget.tryStartStripe(), "lowered to 1 while 2 still run: nothing new starts");
        budget.stripeFinished();
        budget.stripeFinished();
        assertTrue(budget.tryStartStripe());
        assertEquals(1, budget.running());
    }

    @Test
    void anIdleBucketGrantsItsBurstThenMakesTheCallerWaitForTheDebt() {
        ManualClock clock = new ManualClock();
        RepairBudget budget = new RepairBudget(new RepairBudget.Limits(4, 10 * MB), () -> clock.nanos);

        assertEquals(Duration.ZERO, budget.acquire(3 * MB), "1 MB of credit (100 ms at 10 MB/s): granted into debt");
        Duration wait = budget.acquire(1);
        assertEquals(RepairBudget.MAX_WAIT, wait, "2 MB of debt is 200 ms at 10 MB/s, capped at the re-ask interval");

        clock.advance(Duration.ofMillis(150));
        Duration rest = budget.acquire(1);
        assertEquals(50, rest.toMillis(), 1, "0.5 MB of debt left: 50 ms");
        clock.advance(rest);
        assertEquals(Duration.ZERO, budget.acquire(1));
    }

    @Test
    void overAMinuteOfSimulatedTimeTheGrantedRateIsTheLimit() {
        ManualClock clock = new ManualClock();
        long rate = 8 * MB;
        RepairBudget budget = new RepairBudget(new RepairBudget.Limits(4, rate), () -> clock.nanos);
        long request = 320_000; // one rs(4,2) stripe of 64 KiB shards: 4 reads and 1 write
        long start = clock.nanos;

        // Four eager repairers that ask again exactly when told to.
        long[] nextAsk = new long[4];
        while (clock.nanos - start < Duration.ofSeconds(60).toNanos()) {
            long soonest = Long.MAX_VALUE;
            for (int r = 0; r < nextAsk.length; r++) {
                if (nextAsk[r] <= clock.nanos) {
                    nextAsk[r] = clock.nanos + budget.acquire(request).toNanos();
                }
                soonest = Math.min(soonest, nextAsk[r]);
            }
            clock.nanos = Math.max(clock.nanos + 1, soonest);
        }

        double seconds = (clock.nanos - start) / 1e9;
        double achieved = budget.grantedBytes() / seconds;
        assertEquals(rate, achieved, rate * 0.01, "granted " + budget.grantedBytes() + " bytes in " + seconds + " s");
    }

    @Test
    void aRaisedLimitTakesEffectWithinTheReaskInterval() {
        ManualClock clock = new ManualClock();
        RepairBudget budget = new RepairBudget(new RepairBudget.Limits(1, 1_000), () -> clock.nanos);
        budget.acquire(1 * MB); // 1000 s of debt at 1 kB/s
        assertEquals(RepairBudget.MAX_WAIT, budget.acquire(1));

        budget.adjust(new RepairBudget.Limits(1, 100 * MB));
        clock.advance(Duration.ofMillis(11));
        assertEquals(Duration.ZERO, budget.acquire(1), "11 ms at 100 MB/s repays the 1 MB debt");
    }

    @Test
    void unlimitedBandwidthNeverWaitsAndThePolicyBlockMapsOntoLimits() {
        RepairBudget.Limits fromPolicy = RepairBudget.Limits.of(ReplicateBlock.Repair.DEFAULT);
        assertEquals(new RepairBudget.Limits(4, 0), fromPolicy);
        assertTrue(fromPolicy.unlimitedBandwidth());
        RepairBudget budget = new RepairBudget(fromPolicy);
        assertEquals(Duration.ZERO, budget.acquire(Long.MAX_VALUE / 2));

        var capped = new ReplicateBlock.Repair(2, OptionalLong.of(50 * MB), Duration.ofHours(1), Duration.ZERO);
        assertEquals(new RepairBudget.Limits(2, 50 * MB), RepairBudget.Limits.of(capped));
        assertThrows(IllegalArgumentException.class, () -> new RepairBudget.Limits(0, 0));
    }

    @Test
    void theBudgetSaysWhereItsLimitsComeFromAndAnUnnamedAdjustIsAnOverride() {
        RepairBudget.Limits policy = new RepairBudget.Limits(4, 0);
        RepairBudget budget = new RepairBudget(policy, BudgetSource.configured("policy", policy));
        assertEquals("policy", budget.source().describe());

        java.time.Instant at = java.time.Instant.parse("2026-03-04T05:06:07Z");
        RepairBudget.Limits slower = new RepairBudget.Limits(2, 50 * MB);
        budget.adjust(slower, budget.source().overriddenBy("spiffe://kwam.test/ops/kwamd", at));
        assertEquals(slower, budget.limits());
        assertEquals("override set by spiffe://kwam.test/ops/kwamd at 2026-03-04T05:06:07Z", budget.source().describe());
        assertEquals(policy, budget.source().configured(), "an override keeps the limits it replaces");

        budget.adjust(policy, BudgetSource.configured("policy", policy));
        assertEquals("policy", budget.source().describe(), "a reset is the configured limits again");

        budget.adjust(slower);
        assertTrue(budget.source().override().isPresent(), "limits without a source are an override, never 'policy'");
        assertEquals(RepairBudget.UNNAMED_SETTER, budget.source().override().get().setBy());
        assertEquals(RepairBudget.UNNAMED_CONFIGURATION, new RepairBudget(policy).source().configuredFrom());
    }
}
