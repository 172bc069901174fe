package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JHMM as a whole: detections in, stripes back at full redundancy, within the budget. */
class RepairSupervisorTest {
    private static final ActorTestKit KIT = ActorTestKit.create("repair-supervisor");
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @Test
    void everyStripeOfARemovedNodeIsBackAtFullRedundancyWithTheOriginalBytes() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 40_000, 1);
        String gone = world.placements.get(stripes.get(0).stripe()).get(0);
        Set<Cid> affected = world.placedOn(gone);
        Topology live = world.fleet.without(NodeId.of(gone));
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(3, 0), Duration.ofMillis(100),
                Duration.ZERO);
        world.nodes.stores.remove(gone); // kill -9: its disk is gone with it

        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        RepairStatus done = jhmm.awaitStatus(s -> s.repaired() == affected.size() && s.plan().stripes().isEmpty());

        assertTrue(affected.size() >= 3, "a meaningful test repairs several stripes, got " + affected.size());
        for (StripeRef ref : stripes) {
            StripeEntry entry = world.entry(ref.stripe());
            Set<String> nodes = new HashSet<>();
            for (FragmentSlot slot : entry.slots()) {
                assertEquals(SlotState.OK, slot.state(), ref.stripe() + " " + slot);
                assertTrue(live.node(NodeId.of(slot.node())).isPresent(), slot + " is on a live node");
                assertTrue(nodes.add(slot.node()), "two fragments of one stripe on " + slot.node());
                assertEquals(List.of(slot.node()), world.nodes.holders(slot.fragment()), "exactly one copy of " + slot);
                assertArrayEquals(world.originals.get(slot.fragment()), world.nodes.store(slot.node()).get(slot.fragment()));
            }
        }
        Cid one = affected.iterator().next();
        assertEquals(List.of("detected", "isolated", "planned", "fetched", "rebuilt", "gated", "written", "recorded",
                "confirmed", "completed"), jhmm.steps(one));
        assertTrue(done.parked().isEmpty());
        long expected = affected.stream().mapToLong(c -> 5 * world.refs.get(c).fragmentBytes()).sum();
        assertEquals(expected, done.bytesMoved(), "k fragments read and one written per stripe");
    }

    @Test
    void aCrashingRepairIsRestartedAfterABackoffAndCompletes() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef ref = world.protect("rs(4,2)", 5_000, 2).get(0);
        String bad = world.holder(ref, 1);
        world.nodes.flipByte(bad, ref.fragment(1), FragmentHeader.BYTES + 1);
        Duration backoff = Duration.ofMillis(400);
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(2, 0),
                backoff, Duration.ZERO);
        world.nodes.throwOnNextFetches.set(1); // a bug in the fetch port: the attempt crashes

        jhmm.ref.tell(new RepairSupervisor.FragmentFaulty(ref.stripe(), 1, bad, true, "scrub"));
        jhmm.awaitEvents(es -> es.stream().anyMatch(e -> e instanceof RepairEvent.Completed));

        List<String> steps = jhmm.steps(ref.stripe());
        assertEquals(List.of("detected", "isolated", "planned", "attempt-failed", "fetched", "rebuilt", "gated", "written",
                "recorded", "confirmed", "deleted", "completed"), steps);
        Instant failedAt = jhmm.events.stream().filter(e -> e instanceof RepairEvent.AttemptFailed).findFirst()
                .orElseThrow().at();
        Instant fetchedAt = jhmm.events.stream().filter(e -> e instanceof RepairEvent.Fetched).findFirst().orElseThrow()
                .at();
        // Backoff with 20 % random factor: at least the minimum, allowing clock granularity.
        assertTrue(Duration.between(failedAt, fetchedAt).toMillis() >= backoff.toMillis() - 20,
                "restarted after " + Duration.between(failedAt, fetchedAt));
        assertEquals(1, world.nodes.copies(ref.fragment(1)), "the corrupt copy deleted once the new one was confirmed");
    }

    @Test
    void aWriteThatFailsIsRetriedAndOneThatKeepsFailingEndsWithTheStripeParked() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 10_000, 8);
        StripeRef flaky = stripes.get(0);
        world.lose(flaky, 2);
        world.nodes.failNextWrites.set(2);
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(1, 0), Duration.ofMillis(100),
                Duration.ZERO);

        jhmm.ref.tell(new RepairSupervisor.FragmentFaulty(flaky.stripe(), 2, world.holder(flaky, 2), false, "read"));
        jhmm.awaitStatus(s -> s.repaired() == 1);

        List<RepairEvent> failed = jhmm.events.stream().filter(e -> e instanceof RepairEvent.AttemptFailed).toList();
        assertEquals(2, failed.size());
        assertEquals("write", ((RepairEvent.AttemptFailed) failed.get(0)).failedStep());
        assertEquals(1, world.nodes.copies(flaky.fragment(2)));

        // Now every write fails: 3 restarts per repair, 2 replans, then the stripe is parked — and says why.
        StripeRef doomed = stripes.get(1);
        world.lose(doomed, 3);
        world.nodes.failNextWrites.set(Integer.MAX_VALUE);
        jhmm.ref.tell(new RepairSupervisor.FragmentFaulty(doomed.stripe(), 3, world.holder(doomed, 3), false, "read"));
        RepairStatus parked = jhmm.awaitStatus(s -> !s.parked().isEmpty());

        assertEquals(doomed.stripe(), parked.parked().get(0).stripe());
        assertTrue(parked.parked().get(0).reason().startsWith("repair failed 2 time(s), 3 restarts each; last: write of"),
                parked.parked().get(0).reason());
        assertEquals(0, jhmm.budget.running(), "a parked stripe gives its slot back");
    }

    @Test
    void aPoisonedStripeIsParkedWhileTheOthersComplete() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 30_000, 3);
        StripeRef poisoned = stripes.get(0);
        for (int i = 1; i < 6; i++) {
            world.nodes.flipByte(world.holder(poisoned, i), poisoned.fragment(i), FragmentHeader.BYTES + i);
        }
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(1, 0), Duration.ofMillis(100),
                Duration.ZERO);

        for (StripeRef ref : stripes.subList(0, 4)) {
            world.lose(ref, 0);
            jhmm.ref.tell(new RepairSupervisor.FragmentFaulty(ref.stripe(), 0, world.holder(ref, 0), false, "read"));
        }
        RepairStatus done = jhmm.awaitStatus(s -> s.repaired() == 3 && s.parked().size() == 1);

        assertEquals(poisoned.stripe(), done.parked().get(0).stripe());
        assertTrue(done.parked().get(0).reason().startsWith("poisoned: cannot rebuild fragment(s) [0]"),
                done.parked().get(0).reason());
        assertEquals(List.of("detected", "isolated", "planned", "parked"), jhmm.steps(poisoned.stripe()));
        assertTrue(jhmm.status().plan().stripes().isEmpty(), "a parked stripe leaves the plan");
    }

    @Test
    void aStripeParkedOnACensusReadThatLaggedIsPlannedAgainOnceTheCensusShowsItsFragments() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef ref = world.protect("rs(4,2)", 5_000, 9).get(0);
        StripeEntry placed = world.census.stripes.remove(ref.stripe()); // this replica has not seen the entry yet
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(1, 0), Duration.ofMillis(100),
                Duration.ZERO);

        jhmm.ref.tell(new RepairSupervisor.Reexamine(List.of(ref.stripe())));
        RepairStatus parked = jhmm.awaitStatus(s -> s.parked().size() == 1);
        assertTrue(parked.parked().get(0).reason().startsWith("poisoned: only 0 fragment(s)"), parked.parked().get(0).reason());

        world.census.put(placed); // the entry arrives; the next sweep finds nothing below full
        jhmm.ref.tell(new RepairSupervisor.Reexamine(List.of()));
        jhmm.awaitStatus(s -> s.parked().isEmpty());

        world.lose(ref, 0);
        jhmm.ref.tell(new RepairSupervisor.FragmentFaulty(ref.stripe(), 0, world.holder(ref, 0), false, "read"));
        RepairStatus done = jhmm.awaitStatus(s -> s.repaired() == 1 && s.plan().stripes().isEmpty());
        assertTrue(done.parked().isEmpty(), String.valueOf(done.parked()));
        assertArrayEquals(world.originals.get(ref.fragment(0)), world.nodes.store(world.entry(ref.stripe()).slots().stream()
                .filter(x -> x.index() == 0).findFirst().orElseThrow().node()).get(ref.fragment(0)));
    }

    @Test
    void theRiskiestStripesAreRepairedFirst() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 60_000, 4);
        String gone = world.placements.get(stripes.get(0).stripe()).get(0);
        List<Cid> affected = new ArrayList<>(world.placedOn(gone));
        // Half of the affected stripes had already lost another fragment: after the node goes they have none to spare.
        Set<Cid> worse = new HashSet<>();
        for (int i = 0; i < affected.size(); i += 2) {
            StripeRef ref = world.refs.get(affected.get(i));
            int other = world.placements.get(ref.stripe()).indexOf(gone) == 5 ? 4 : 5;
            world.lose(ref, other);
            world.census.put(Fixtures.with(world.entry(ref.stripe()), other, "", SlotState.MISSING));
            worse.add(ref.stripe());
        }
        world.nodes.stores.remove(gone);
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(1, 0), Duration.ofMillis(100),
                Duration.ZERO);

        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        jhmm.awaitStatus(s -> s.repaired() == affected.size());

        List<RepairEvent.Planned> planned = jhmm.events.stream().filter(e -> e instanceof RepairEvent.Planned)
                .map(RepairEvent.Planned.class::cast).toList();
        assertEquals(affected.size(), planned.size());
        List<Integer> spares = planned.stream().map(RepairEvent.Planned::spare).toList();
        List<Integer> sorted = new ArrayList<>(spares);
        sorted.sort(null);
        assertEquals(sorted, spares, "started in order of fragments to spare");
        assertEquals(worse.size(), spares.stream().filter(s -> s == 0).count());
        for (int i = 0; i < worse.size(); i++) {
            assertTrue(worse.contains(planned.get(i).stripe()));
        }
    }

    @Test
    void theBudgetBoundsHowManyStripesRunAndCanBeRaisedWhileTheyRun() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 150_000, 5);
        String gone = world.placements.get(stripes.get(0).stripe()).get(0);
        int affected = world.placedOn(gone).size();
        world.nodes.stores.remove(gone);
        world.nodes.fetchDelay = Duration.ofMillis(150); // slow sources, so repairs overlap
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(2, 0), Duration.ofMillis(100),
                Duration.ZERO);

        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        jhmm.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Completed).count() >= 4);
        RepairStatus midway = jhmm.status();
        int firstPhaseEvents = jhmm.events.size();
        jhmm.ref.tell(new RepairSupervisor.AdjustBudget(new RepairBudget.Limits(5, 0)));
        jhmm.awaitStatus(s -> s.repaired() == affected);

        assertTrue(affected >= 10, "enough stripes to watch the bound, got " + affected);
        assertEquals(2, maxConcurrent(jhmm.events.subList(0, firstPhaseEvents)), "max_concurrent = 2 really holds");
        assertEquals(5, maxConcurrent(jhmm.events), "raised to 5 while running");
        assertTrue(midway.running().size() <= 2);
        assertFalse(midway.plan().stripes().isEmpty(), "the plan is there to be read while it runs");
        assertEquals(new RepairBudget.Limits(2, 0), midway.limits());
        assertEquals(0, jhmm.budget.running());
    }

    @Test
    void theMeasuredRepairRateStaysWithinTenPercentOfTheBandwidthLimit() {
        World world = new World(Fixtures.fleet(8, 1));
        // Larger chunks, so a stripe moves ~0.2 MB and actor overhead is small against the bytes.
        List<StripeRef> stripes = world.protect("rs(4,2)", 9_000_000, 6,
                new ChunkerParams(64 << 10, 128 << 10, 256 << 10));
        String gone = world.placements.get(stripes.get(0).stripe()).get(0);
        int affected = world.placedOn(gone).size();
        world.nodes.stores.remove(gone);
        long limit = 1_500_000;
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(4, limit), Duration.ofMillis(100),
                Duration.ZERO);

        assertEquals(Optional.empty(), jhmm.status().rate(), "no repair measured yet: absent, not 0");
        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        RepairStatus done = jhmm.awaitStatus(s -> s.repaired() == affected);

        long bytes = world.nodes.bytesFetched.get() + world.nodes.bytesWritten.get();
        // The JHMM's own measurement (risk as a number): it restored exactly the bytes written, moved what the
        // nodes served and took in, and its repair time cannot beat the budget on the bytes it moved.
        RepairThroughput measured = done.rate().orElseThrow();
        assertEquals(affected, measured.stripes());
        assertEquals(world.nodes.bytesWritten.get(), measured.bytesRestored());
        assertEquals(bytes, measured.bytesMoved());
        assertTrue(measured.bytesMoved() / measured.seconds() <= limit * 1.10, "moved " + measured.bytesMoved() + " bytes in "
                + measured.seconds() + " s of repair time");
        double seconds = (world.nodes.lastByteNanos.get() - world.nodes.firstByteNanos.get()) / 1e9;
        double rate = bytes / seconds;
        System.out.printf("repair rate: %d bytes in %.3f s = %.0f B/s against a limit of %d B/s (%+.1f %%), %d stripes%n",
                bytes, seconds, rate, limit, 100 * (rate - limit) / limit, affected);
        assertTrue(seconds > 3, "a run long enough to measure: " + seconds + " s");
        assertEquals(limit, rate, limit * 0.10, "measured " + rate + " B/s");
    }

    @Test
    void aRestartedJhmmReplansTheSameTargetsAndNeverDuplicatesAFragment() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 30_000, 7);
        String gone = world.placements.get(stripes.get(0).stripe()).get(0);
        Set<Cid> affected = world.placedOn(gone);
        Topology live = world.fleet.without(NodeId.of(gone));
        world.nodes.stores.remove(gone);
        world.nodes.ackWrites = false; // the writes land, their acknowledgements are lost: then the JHMM dies
        WatchedJhmm first = new WatchedJhmm(KIT, world, world.fleet, new RepairBudget.Limits(affected.size(), 0), Duration.ofSeconds(30),
                Duration.ZERO);

        first.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        first.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Gated).count() == affected.size());
        awaitTrue(() -> world.nodes.writes.size() == affected.size());
        KIT.stop(first.ref);
        Map<Cid, String> firstTargets = new HashMap<>();
        for (Cid stripe : affected) {
            world.entry(stripe).slots().stream().filter(s -> s.state() == SlotState.REPAIRING)
                    .forEach(s -> firstTargets.put(s.fragment(), s.node()));
        }
        assertEquals(affected.size(), firstTargets.size(), "each repair claimed its target in the census");

        world.nodes.ackWrites = true;
        WatchedJhmm second = new WatchedJhmm(KIT, world, live, new RepairBudget.Limits(2, 0), Duration.ofMillis(100),
                Duration.ZERO);
        second.ref.tell(new RepairSupervisor.Reexamine(stripes.stream().map(StripeRef::stripe).toList()));
        second.awaitStatus(s -> s.repaired() == affected.size());

        firstTargets.forEach((fragment, node) -> {
            assertEquals(List.of(node), world.nodes.holders(fragment), "resumed on the claimed target, one copy only");
        });
        for (StripeRef ref : stripes) {
            for (FragmentSlot slot : world.entry(ref.stripe()).slots()) {
                assertEquals(SlotState.OK, slot.state());
                assertEquals(1, world.nodes.copies(slot.fragment()), "no duplicate of " + slot);
            }
        }
        assertEquals(List.of("planned", "fetched", "rebuilt", "gated", "written", "recorded", "confirmed", "completed"),
                second.steps(affected.iterator().next()).stream().filter(s -> !s.equals("detected")).toList());
    }

    /** The largest number of stripes between their Planned and their Completed/Parked at any point. */
    private static int maxConcurrent(List<RepairEvent> events) {
        Set<Cid> open = new HashSet<>();
        int max = 0;
        for (RepairEvent e : events) {
            if (e instanceof RepairEvent.Planned) {
                open.add(e.stripe());
            } else if (e instanceof RepairEvent.Completed || e instanceof RepairEvent.Parked) {
                open.remove(e.stripe());
            }
            max = Math.max(max, open.size());
        }
        return max;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition never held");
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
