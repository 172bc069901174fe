package dev.kwam.jhmm.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.LossCause;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairThroughput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveGuardTest {
    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
    private static final Duration MTBF = Duration.ofHours(35_000);

    /** FleetRiskSamples' guard (rs(4,2), 35,000 h node MTBF) with another target and on_violation. */
    private static GuardTarget guard(int nines, String onViolation) {
        GuardTarget g = FleetRiskSamples.guard();
        return new GuardTarget(g.guard(), nines, MTBF, g.domainMtbf(), g.recoveryTime(), Duration.ofMinutes(30), g.levels(), g.codec(),
                g.replicate(), g.fleetShape(), g.estimate(), g.dominantTerm(), onViolation);
    }

    /** A stripe of rs(4,2) with {@code survivors} fragments left: spare = survivors - 4. */
    private static RepairPlan.StripePlan stripe(int id, int survivors) {
        List<RepairPlan.Holder> holders = new ArrayList<>();
        for (int i = 0; i < survivors; i++) {
            holders.add(new RepairPlan.Holder(i, "node-" + i));
        }
        List<RepairPlan.Loss> losses = new ArrayList<>();
        for (int i = survivors; i < 6; i++) {
            losses.add(new RepairPlan.Loss(i, Cid.of(new byte[] {(byte) id, (byte) i}), "node-9", LossCause.NODE_GONE));
        }
        return new RepairPlan.StripePlan(Cid.of(new byte[] {(byte) id}), Cid.of(new byte[] {1}), 0, "rs(4,2)", holders, losses,
                List.of(), List.of(), List.of(0, 1, 2, 3), survivors - 4, NOW.toEpochMilli());
    }

    private static RepairThroughput measured(int stripes, Duration busy) {
        return new RepairThroughput(stripes * 1_000_000L, stripes * 5_000_000L, busy, stripes, NOW.minus(busy), NOW);
    }

    @Test
    void withNothingBelowFullRedundancyTheGuardHolds() {
        LiveGuard live = LiveGuard.of(guard(11, "refuse"), new RepairPlan(List.of()), Optional.empty(), LiveGuard.Bandwidth.UNLIMITED, NOW);

        assertFalse(live.breached());
        assertEquals(0.0, live.lossBeforeRepair());
        assertEquals(Optional.empty(), live.worstStripe());
        assertEquals("refuse", live.onViolation());
        assertEquals(FleetRisk.MODELED, live.label());
    }

    @Test
    void theLossProbabilityIsTheBinomialTailOfHolderFailuresWithinTheWindow() {
        Duration window = Duration.ofHours(1);
        double p = -Math.expm1(-1.0 / 35_000);

        // No fragment to spare on 4 holders: any one of the 4 failing loses the stripe.
        assertEquals(1 - Math.pow(1 - p, 4), LiveGuard.lossBeforeRepair(4, 0, window, MTBF), 1e-15);
        // One to spare on 5 holders: two of the 5 must fail.
        double two = 1 - Math.pow(1 - p, 5) - 5 * p * Math.pow(1 - p, 4);
        assertEquals(two, LiveGuard.lossBeforeRepair(5, 1, window, MTBF), 1e-15);
        assertEquals(1.0, LiveGuard.lossBeforeRepair(3, -1, window, MTBF));
        assertEquals(0.0, LiveGuard.lossBeforeRepair(4, 4, window, MTBF));
    }

    @Test
    void aStripeWithNothingToSpareBreachesAHighTargetAndALowOneHolds() {
        // 4 holders, no spare, 30 min (the guard's mttr_restore: no repair measured yet): p ≈ 4 × 0.5 / 35,000 = 5.7e-5.
        RepairPlan plan = new RepairPlan(List.of(stripe(1, 5), stripe(2, 4)));

        LiveGuard high = LiveGuard.of(guard(6, "refuse"), plan, Optional.empty(), LiveGuard.Bandwidth.UNLIMITED, NOW);
        LiveGuard low = LiveGuard.of(guard(4, "refuse"), plan, Optional.empty(), LiveGuard.Bandwidth.UNLIMITED, NOW);

        assertTrue(high.breached(), high.reason());
        assertEquals(Optional.of(Cid.of(new byte[] {2}).toString()), high.worstStripe());
        assertEquals(5.7e-5, high.lossBeforeRepair(), 0.1e-5);
        assertEquals(Duration.ofMinutes(30), high.window());
        assertTrue(high.windowSource().contains("mttr_restore"), high.windowSource());
        assertFalse(low.breached(), low.reason());
    }

    @Test
    void theWindowIsTheDueStripesAtTheMeasuredRate() {
        // 10 repairs in 20 s of repair time: 2 s a stripe; 3 stripes due: 6 s.
        RepairPlan plan = new RepairPlan(List.of(stripe(1, 5), stripe(2, 5), stripe(3, 4)));

        LiveGuard live = LiveGuard.of(guard(11, "alert"), plan, Optional.of(measured(10, Duration.ofSeconds(20))),
                LiveGuard.Bandwidth.UNLIMITED, NOW);

        assertEquals(Duration.ofSeconds(6), live.window());
        assertEquals(LiveGuard.lossBeforeRepair(4, 0, Duration.ofSeconds(6), MTBF), live.lossBeforeRepair(), 1e-18);
        assertTrue(live.breached(), "a 4-holder stripe with nothing to spare for 6 s is far above 1e-11: " + live.reason());
    }

    @Test
    void aRepairBudgetThatCannotMoveTheBytesInTheMeasuredTimeSetsTheWindow() {
        // 2 stripes due, each reading 4 sources and writing 1 or 2 fragments of 1 MB: 11 MB at 1,000 B/s = 11,000 s.
        RepairPlan plan = new RepairPlan(List.of(stripe(1, 5), stripe(2, 4)));
        java.util.Map<Cid, Long> sizes = java.util.Map.of(Cid.of(new byte[] {1}), 1_000_000L, Cid.of(new byte[] {2}), 1_000_000L);

        LiveGuard slow = LiveGuard.of(guard(4, "refuse"), plan, Optional.of(measured(10, Duration.ofSeconds(20))),
                new LiveGuard.Bandwidth(1_000, sizes), NOW);
        LiveGuard fast = LiveGuard.of(guard(4, "refuse"), plan, Optional.of(measured(10, Duration.ofSeconds(20))),
                new LiveGuard.Bandwidth(1_000_000_000, sizes), NOW);

        assertEquals(Duration.ofSeconds(11_000), slow.window());
        assertTrue(slow.windowSource().contains("at the repair budget's 1000 B/s"), slow.windowSource());
        // 4 holders, nothing to spare, 3 h: about 4 × 11,000 / 1.26e8 = 3.5e-4, above 4 nines' 1e-4.
        assertTrue(slow.breached(), slow.reason());
        assertEquals(Duration.ofSeconds(4), fast.window(), "the measured 2 s a stripe is the longer: " + fast.windowSource());
        assertFalse(fast.breached(), fast.reason());
    }

    @Test
    void aStripeBeyondRebuildBreachesAnyTarget() {
        RepairPlan plan = new RepairPlan(List.of(stripe(1, 3)));

        LiveGuard live = LiveGuard.of(guard(1, "refuse"), plan, Optional.empty(), LiveGuard.Bandwidth.UNLIMITED, NOW);

        assertTrue(live.breached());
        assertEquals(1.0, live.lossBeforeRepair());
        assertTrue(live.reason().contains("too few to rebuild"), live.reason());
    }
}
