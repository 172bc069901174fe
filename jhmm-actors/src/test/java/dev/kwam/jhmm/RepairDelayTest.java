package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code repair.delay}: a removed node's fragments wait for it, unless a stripe has nothing to spare; a node back in
 * time costs no repair; nothing — a sweep, a re-examination, a new JHMM — bypasses the wait. Delays are 2–3 s where
 * a test waits for them to run out, an hour where it must not; every wait is on an event or a status, never a sleep.
 */
class RepairDelayTest {
    private static final ActorTestKit KIT = ActorTestKit.create("repair-delay");
    private static final Duration SHORT = Duration.ofSeconds(2);
    private static final Duration LONG = Duration.ofHours(1);
    /** The scheduler's tick: a timer fires on the first tick after its delay, the wall clock is read a moment apart. */
    private static final long TIMER_GRANULARITY_MS = 20;

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @Test
    void aRemovedNodeIsIsolatedAndRepairedOnlyOnceItsDelayRunsOut() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 30_000, 21);
        String gone = world.holder(stripes.get(0), 0);
        Set<Cid> affected = world.placedOn(gone);
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, SHORT);
        world.nodes.stores.remove(gone); // it does not come back

        long removedAt = System.currentTimeMillis();
        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        RepairStatus done = jhmm.awaitStatus(s -> s.repaired() == affected.size() && s.plan().stripes().isEmpty());

        List<RepairEvent.Deferred> deferred = jhmm.events(RepairEvent.Deferred.class);
        assertEquals(affected, deferred.stream().map(RepairEvent::stripe).collect(Collectors.toSet()));
        long due = Long.MAX_VALUE;
        for (RepairEvent.Deferred d : deferred) {
            assertEquals(List.of(gone), d.nodes());
            long until = d.until().toEpochMilli();
            assertTrue(until >= removedAt + SHORT.toMillis() && until <= d.at().toEpochMilli() + SHORT.toMillis(),
                    "due " + SHORT + " after the removal: " + d);
            due = Math.min(due, until);
        }
        assertFalse(jhmm.censusWrites.isEmpty());
        for (WatchedJhmm.Write w : jhmm.censusWrites) {
            assertTrue(w.atMillis() >= due - TIMER_GRANULARITY_MS, "census written " + (due - w.atMillis())
                    + " ms before the delay ran out: " + w.write());
        }
        long firstWrite = jhmm.censusWrites.get(0).atMillis();
        long repaired = jhmm.events(RepairEvent.Completed.class).stream().mapToLong(e -> e.at().toEpochMilli()).max()
                .orElseThrow();
        System.out.printf("repair delay %s: removed -> first census write %d ms, delay end -> first write %d ms, "
                + "-> %d stripe(s) repaired %d ms%n", SHORT, firstWrite - removedAt, firstWrite - due, affected.size(),
                repaired - due);
        assertEquals(List.of("detected", "deferred", "isolated", "planned", "fetched", "rebuilt", "gated", "written",
                "recorded", "confirmed", "completed"), jhmm.steps(affected.iterator().next()));
        assertAtFullRedundancyOnLiveNodes(world, stripes, world.fleet.without(NodeId.of(gone)));
        assertTrue(done.parked().isEmpty());
    }

    @Test
    void aStripeWithNothingLeftToSpareIsRepairedAtOnceWhileTheOthersWait() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 40_000, 22);
        String a = world.holder(stripes.get(0), 0);
        String b = world.holder(stripes.get(0), 1);
        Set<Cid> both = world.placedOn(a);
        both.retainAll(world.placedOn(b));
        Set<Cid> onlyOne = world.placedOn(a);
        onlyOne.addAll(world.placedOn(b));
        onlyOne.removeAll(both);
        Map<Cid, StripeEntry> before = entries(world, onlyOne);
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, LONG);
        world.nodes.stores.remove(a);
        world.nodes.stores.remove(b);

        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(a));
        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(b));
        RepairStatus status = jhmm.awaitStatus(s -> s.repaired() == both.size()
                && s.plan().stripes().size() == onlyOne.size() && s.plan().stripes().stream().allMatch(StripePlan::deferred));

        assertFalse(both.isEmpty(), "stripe 0 has fragments on both nodes");
        assertFalse(onlyOne.isEmpty(), "a meaningful test also has stripes that can wait");
        Topology live = world.fleet.without(NodeId.of(a)).without(NodeId.of(b));
        for (Cid urgent : both) {
            // rs(4,2) with two fragments away has none to spare: both fragments counted as lost and rebuilt elsewhere.
            for (FragmentSlot slot : world.entry(urgent).slots()) {
                assertEquals(SlotState.OK, slot.state(), urgent + " " + slot);
                assertTrue(live.node(NodeId.of(slot.node())).isPresent(), "rebuilt on a live node: " + slot);
                assertArrayEquals(world.originals.get(slot.fragment()), world.nodes.store(slot.node()).get(slot.fragment()));
            }
        }
        for (Cid waiting : onlyOne) {
            assertEquals(before.get(waiting), world.entry(waiting), "census untouched for " + waiting);
            assertEquals(List.of(), jhmm.writesOf(waiting));
            StripePlan p = status.plan().stripe(waiting).orElseThrow();
            assertEquals(1, p.spare());
            assertTrue(p.deferredUntilMillis() > System.currentTimeMillis() + LONG.toMillis() / 2, "due in about an hour");
        }
        assertEquals(List.of(), jhmm.events(RepairEvent.Isolated.class), "nothing isolated on a deferred node's account");
    }

    @Test
    void aNodeBackWithinItsDelayCostsNoRepairAndTheCensusIsUntouched() {
        // 3 s: the test thread must tell the return before the delay runs out.
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 30_000, 23);
        String rebooting = world.holder(stripes.get(0), 0);
        Set<Cid> onIt = world.placedOn(rebooting);
        Map<Cid, StripeEntry> before = entries(world, world.refs.keySet());
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, Duration.ofSeconds(3));

        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(rebooting));
        jhmm.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Deferred).count() == onIt.size());
        jhmm.ref.tell(new RepairSupervisor.UpdateTopology(world.fleet)); // as JhmmHost: the fleet view, then the return
        jhmm.ref.tell(new RepairSupervisor.NodeReturned(rebooting));
        jhmm.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Returned).count() == onIt.size());
        assertTrue(jhmm.status().plan().stripes().isEmpty());
        long firstDue = jhmm.events(RepairEvent.Deferred.class).get(0).until().toEpochMilli();

        // The rejoin ended its deferral: when it is away again (unreachable, met by a sweep) its delay starts afresh
        // rather than running out at the first removal's instant.
        jhmm.ref.tell(new RepairSupervisor.UpdateTopology(world.fleet.without(NodeId.of(rebooting))));
        jhmm.ref.tell(new RepairSupervisor.Reexamine(List.copyOf(onIt)));
        jhmm.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Deferred).count() == 2L * onIt.size());
        long secondDue = jhmm.events(RepairEvent.Deferred.class).get(onIt.size()).until().toEpochMilli();
        assertTrue(secondDue > firstDue, "a fresh delay: " + firstDue + " then " + secondDue);
        jhmm.ref.tell(new RepairSupervisor.UpdateTopology(world.fleet));
        jhmm.ref.tell(new RepairSupervisor.NodeReturned(rebooting));
        jhmm.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Returned).count() == 2L * onIt.size());

        // Another node leaves for good after the first came back: by the time its delay has run out and its stripes are
        // repaired, the first node's delay would long have run out too.
        String gone = world.fleet.nodes().stream().map(n -> n.id().value()).filter(n -> !n.equals(rebooting))
                .findFirst().orElseThrow();
        Set<Cid> onGone = world.placedOn(gone);
        world.nodes.stores.remove(gone);
        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        jhmm.awaitStatus(s -> s.repaired() == onGone.size() && s.plan().stripes().isEmpty());

        for (Cid stripe : onIt) {
            FragmentSlot held = world.entry(stripe).slots().stream().filter(s -> s.node().equals(rebooting)).findFirst()
                    .orElseThrow(() -> new AssertionError(stripe + " lost its slot on " + rebooting));
            assertEquals(SlotState.OK, held.state());
            if (!onGone.contains(stripe)) {
                assertEquals(before.get(stripe), world.entry(stripe), "census untouched for " + stripe);
                assertEquals(List.of(), jhmm.writesOf(stripe));
                assertEquals(List.of("detected", "deferred", "returned", "detected", "deferred", "returned"),
                        jhmm.steps(stripe));
            }
        }
        for (WatchedJhmm.Write w : jhmm.censusWrites) {
            for (FragmentSlot s : w.write().slots()) {
                assertFalse(s.node().equals(rebooting) && s.state() == SlotState.MISSING, "isolated the returned node: " + w);
            }
        }
    }

    @Test
    void neitherASweepNorAReexaminationBypassesADeferral() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 40_000, 24);
        String away = world.holder(stripes.get(0), 0);
        Set<Cid> onIt = world.placedOn(away);
        StripeRef control = stripes.stream().filter(r -> !onIt.contains(r.stripe())).findFirst().orElseThrow();
        world.lose(control, 0);
        world.census.put(Fixtures.with(world.entry(control.stripe()), 0, world.holder(control, 0), SlotState.MISSING));
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, LONG);
        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(away));
        jhmm.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Deferred).count() == onIt.size());

        // What JhmmHost's census sweep sends: every stripe below full redundancy. The control stripe goes last: its
        // lookup is answered after the others' (one census, replies in order), so its repair ending proves they were seen.
        List<Cid> sweep = new java.util.ArrayList<>(onIt);
        sweep.add(control.stripe());
        jhmm.ref.tell(new RepairSupervisor.Reexamine(sweep));
        jhmm.awaitEvents(es -> es.stream().anyMatch(e -> e instanceof RepairEvent.Completed
                && e.stripe().equals(control.stripe())));

        RepairStatus status = jhmm.status();
        assertEquals(onIt, status.plan().stripes().stream().map(StripePlan::stripe).collect(Collectors.toSet()));
        assertTrue(status.plan().stripes().stream().allMatch(StripePlan::deferred));
        for (Cid stripe : onIt) {
            assertEquals(List.of(), jhmm.writesOf(stripe));
            assertEquals(List.of("detected", "deferred"), jhmm.steps(stripe));
        }
    }

    @Test
    void aStripeWithAnotherLossIsRepairedAtOnceAndItsDeferredFragmentCountsAsLost() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 30_000, 25);
        String away = world.holder(stripes.get(0), 0);
        Set<Cid> onIt = world.placedOn(away);
        StripeRef victim = stripes.get(0);
        int corrupt = 3;
        String corruptOn = world.holder(victim, corrupt);
        world.nodes.flipByte(corruptOn, victim.fragment(corrupt), FragmentHeader.BYTES + 7);
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, LONG);
        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(away));
        jhmm.awaitEvents(es -> es.stream().filter(e -> e instanceof RepairEvent.Deferred).count() == onIt.size());

        jhmm.ref.tell(new RepairSupervisor.FragmentFaulty(victim.stripe(), corrupt, corruptOn, true, "scrub"));
        RepairStatus status = jhmm.awaitStatus(s -> s.repaired() == 1 && s.running().isEmpty());

        // Chosen: one repair rebuilds both (same sources, one pass) rather than leaving the stripe a fragment short
        // for the rest of the delay. The deferred node's slot is not isolated first; the rebuilt fragment replaces it.
        Topology live = world.fleet.without(NodeId.of(away));
        for (FragmentSlot slot : world.entry(victim.stripe()).slots()) {
            assertEquals(SlotState.OK, slot.state());
            assertTrue(live.node(NodeId.of(slot.node())).isPresent(), "no fragment left on the away node: " + slot);
            assertArrayEquals(world.originals.get(slot.fragment()), world.nodes.store(slot.node()).get(slot.fragment()));
        }
        assertNotEquals(away, world.entry(victim.stripe()).slots().get(0).node());
        assertEquals(List.of(List.of(corrupt)), jhmm.events(RepairEvent.Isolated.class).stream()
                .map(RepairEvent.Isolated::fragments).toList(), "only the corrupt copy is isolated");
        Set<Cid> stillWaiting = new HashSet<>(onIt);
        stillWaiting.remove(victim.stripe());
        assertEquals(stillWaiting, status.plan().stripes().stream().map(StripePlan::stripe).collect(Collectors.toSet()));
        assertTrue(status.plan().stripes().stream().allMatch(StripePlan::deferred));
    }

    @Test
    void aNewJhmmTakesAHolderItNeverSawLeaveAsRemovedNowAndWaitsTheDelay() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 30_000, 26);
        String gone = world.holder(stripes.get(0), 0);
        Set<Cid> onIt = world.placedOn(gone);
        world.nodes.stores.remove(gone);
        Topology live = world.fleet.without(NodeId.of(gone)); // it left before this JHMM started (a hand-over)

        long startedAt = System.currentTimeMillis();
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, live, SHORT);
        jhmm.ref.tell(new RepairSupervisor.Reexamine(stripes.stream().map(StripeRef::stripe).toList())); // the start sweep
        jhmm.awaitStatus(s -> s.repaired() == onIt.size() && s.plan().stripes().isEmpty());

        List<RepairEvent.Deferred> deferred = jhmm.events(RepairEvent.Deferred.class);
        assertEquals(onIt, deferred.stream().map(RepairEvent::stripe).collect(Collectors.toSet()));
        long due = deferred.stream().mapToLong(d -> d.until().toEpochMilli()).min().orElseThrow();
        assertTrue(due >= startedAt + SHORT.toMillis(), "deferred from when this JHMM met the node");
        for (WatchedJhmm.Write w : jhmm.censusWrites) {
            assertTrue(w.atMillis() >= due - TIMER_GRANULARITY_MS, "census written before the delay ran out: " + w.write());
        }
        assertEquals(List.of("detected", "deferred", "isolated", "planned", "fetched", "rebuilt", "gated", "written",
                "recorded", "confirmed", "completed"), jhmm.steps(onIt.iterator().next()));
        assertAtFullRedundancyOnLiveNodes(world, stripes, live);
    }

    @Test
    void withoutADelayARemovalIsRepairedAtOnceAsBefore() {
        World world = new World(Fixtures.fleet(8, 1));
        List<StripeRef> stripes = world.protect("rs(4,2)", 20_000, 27);
        String gone = world.holder(stripes.get(0), 0);
        Set<Cid> onIt = world.placedOn(gone);
        WatchedJhmm jhmm = new WatchedJhmm(KIT, world, world.fleet, Duration.ZERO);
        world.nodes.stores.remove(gone);

        jhmm.ref.tell(new RepairSupervisor.NodeRemoved(gone));
        jhmm.awaitStatus(s -> s.repaired() == onIt.size() && s.plan().stripes().isEmpty());

        assertEquals(List.of(), jhmm.events(RepairEvent.Deferred.class));
        assertEquals(List.of("detected", "isolated", "planned", "fetched", "rebuilt", "gated", "written", "recorded",
                "confirmed", "completed"), jhmm.steps(onIt.iterator().next()));
    }

    private static void assertAtFullRedundancyOnLiveNodes(World world, List<StripeRef> stripes, Topology live) {
        for (StripeRef ref : stripes) {
            Set<String> nodes = new HashSet<>();
            for (FragmentSlot slot : world.entry(ref.stripe()).slots()) {
                assertEquals(SlotState.OK, slot.state(), ref.stripe() + " " + slot);
                assertTrue(live.node(NodeId.of(slot.node())).isPresent(), slot + " is on a live node");
                assertTrue(nodes.add(slot.node()), "two fragments of one stripe on " + slot.node());
                assertEquals(List.of(slot.node()), world.nodes.holders(slot.fragment()), "exactly one copy of " + slot);
                assertArrayEquals(world.originals.get(slot.fragment()), world.nodes.store(slot.node()).get(slot.fragment()));
            }
        }
    }

    private static Map<Cid, StripeEntry> entries(World world, Set<Cid> stripes) {
        Map<Cid, StripeEntry> copy = new HashMap<>();
        stripes.forEach(s -> copy.put(s, world.entry(s)));
        return copy;
    }
}
