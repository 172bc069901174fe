package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.FragmentState;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One stripe's repair, step by step, against real fragments and misbehaving nodes. */
class StripeRepairTest {
    private static final ActorTestKit KIT = ActorTestKit.create("stripe-repair");
    private static final Executor CODEC = RepairSupervisor.codecExecutor(KIT.system());
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final StripeRepair.Settings QUICK = new StripeRepair.Settings(Duration.ofMillis(500),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 3, 2);

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    /** A repair's surroundings: probes for its events and its outcome. */
    private static final class Run {
        final TestProbe<RepairEvent> events = KIT.createTestProbe();
        final TestProbe<StripeRepair.Outcome> outcome = KIT.createTestProbe();
        final List<RepairEvent> seen = new ArrayList<>();

        Run(World world, StripeRef ref, StripePlan plan) {
            ActorRef<Census.Command> census = KIT.spawn(world.census.behavior());
            RepairPorts ports = new RepairPorts(world.nodes, world.nodes, census, CODEC,
                    new RepairBudget(new RepairBudget.Limits(4, 0)));
            KIT.spawn(StripeRepair.create(ref, plan, ports, QUICK, events.getRef(), outcome.getRef()));
        }

        StripeRepair.Outcome awaitOutcome() {
            return outcome.expectMessageClass(StripeRepair.Outcome.class, AWAIT);
        }

        /** Events until (and including) the first of {@code type}. */
        <T extends RepairEvent> T until(Class<T> type) {
            while (true) {
                RepairEvent e = events.receiveMessage(AWAIT);
                seen.add(e);
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
            }
        }

        List<String> steps() {
            return seen.stream().map(RepairEvent::step).toList();
        }
    }

    @Test
    void aLostFragmentGoesThroughEveryStepAndComesBackByteIdentical() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef ref = world.protect("rs(4,2)", 10_000, 1).get(0);
        String gone = world.holder(ref, 2);
        Topology live = world.fleet.without(NodeId.of(gone));
        world.nodes.stores.remove(gone);
        StripePlan plan = world.plan(ref, live);
        String target = plan.targetOf(2).orElseThrow();

        Run run = new Run(world, ref, plan);
        run.until(RepairEvent.Completed.class);
        StripeRepair.Outcome outcome = run.awaitOutcome();

        assertEquals(List.of("fetched", "rebuilt", "gated", "written", "recorded", "confirmed", "completed"), run.steps());
        StripeRepair.Repaired repaired = assertInstanceOf(StripeRepair.Repaired.class, outcome);
        assertEquals(target, repaired.proofs().get(0).node());
        assertArrayEquals(world.originals.get(ref.fragment(2)), world.nodes.store(target).get(ref.fragment(2)));
        FragmentSlot slot = world.entry(ref.stripe()).slots().get(2);
        assertEquals(new FragmentSlot(2, ref.fragment(2), target, SlotState.OK), slot);
        long fragment = ref.fragmentBytes();
        RepairEvent.Fetched fetched = (RepairEvent.Fetched) run.seen.get(0);
        assertEquals(List.of(0, 1, 3, 4), fetched.sources());
        assertEquals(4 * fragment, fetched.bytes(), "k sources read, no more");
        assertEquals(5 * fragment, repaired.bytes(), "k read plus one written");
        assertTrue(world.nodes.deletions.isEmpty(), "nothing to delete: the old copy left with its node");
    }

    @Test
    void anLrcStripeIsRepairedFromItsLocalGroup() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef ref = world.protect("lrc(4,2,1)", 10_000, 2).get(0);
        world.census.put(Fixtures.with(world.entry(ref.stripe()), 1, "", SlotState.MISSING));
        world.lose(ref, 1);

        Run run = new Run(world, ref, world.plan(ref, world.fleet));
        RepairEvent.Fetched fetched = run.until(RepairEvent.Fetched.class);

        assertEquals(List.of(0, 4), fetched.sources(), "data 0 and group 0's local parity");
        assertInstanceOf(StripeRepair.Repaired.class, run.awaitOutcome());
    }

    @Test
    void sourcesThatAreCorruptDownSilentOrQuarantinedAreReplacedByOthers() {
        World world = new World(Fixtures.fleet(9, 1));
        StripeRef ref = world.protect("rs(3,5)", 10_000, 3).get(0);
        world.census.put(Fixtures.with(world.entry(ref.stripe()), 7, "", SlotState.MISSING));
        world.lose(ref, 7);
        world.nodes.flipByte(world.holder(ref, 0), ref.fragment(0), FragmentHeader.BYTES + 7);
        world.nodes.down.add(world.holder(ref, 1));
        world.nodes.hanging.add(world.holder(ref, 2));
        world.nodes.reportCorrupt.add(world.holder(ref, 3));

        Run run = new Run(world, ref, world.plan(ref, world.fleet));
        RepairEvent.Fetched fetched = run.until(RepairEvent.Fetched.class);

        assertEquals(List.of(0, 1, 2, 3), fetched.rejected());
        assertEquals(List.of(4, 5, 6), fetched.sources());
        assertInstanceOf(StripeRepair.Repaired.class, run.awaitOutcome());
        String target = world.entry(ref.stripe()).slots().get(7).node();
        assertArrayEquals(world.originals.get(ref.fragment(7)), world.nodes.store(target).get(ref.fragment(7)));
    }

    @Test
    void aStripeWhoseSourcesAreAllCorruptIsPoisonedAndNothingIsWritten() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef ref = world.protect("rs(4,2)", 10_000, 4).get(0);
        world.census.put(Fixtures.with(world.entry(ref.stripe()), 5, "", SlotState.MISSING));
        world.lose(ref, 5);
        for (int i = 0; i < 5; i++) {
            world.nodes.flipByte(world.holder(ref, i), ref.fragment(i), FragmentHeader.BYTES + i);
        }

        Run run = new Run(world, ref, world.plan(ref, world.fleet));
        StripeRepair.Outcome outcome = run.awaitOutcome();

        StripeRepair.Poisoned poisoned = assertInstanceOf(StripeRepair.Poisoned.class, outcome);
        assertEquals(4, poisoned.problems().size(), "the first k sources were all corrupt: one good one left cannot do");
        assertTrue(poisoned.problems().stream().allMatch(p -> p.state() == FragmentState.CORRUPT));
        assertTrue(poisoned.reason().contains("cannot rebuild fragment(s) [5]"), poisoned.reason());
        assertTrue(world.nodes.writes.isEmpty());
    }

    @Test
    void aCorruptCopyIsDeletedOnlyAfterTheCensusConfirmsItsReplacement() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef ref = world.protect("rs(4,2)", 10_000, 5).get(0);
        String bad = world.holder(ref, 3);
        world.nodes.flipByte(bad, ref.fragment(3), FragmentHeader.BYTES + 3);
        world.census.put(Fixtures.with(world.entry(ref.stripe()), 3, bad, SlotState.CORRUPT));

        Run run = new Run(world, ref, world.plan(ref, world.fleet));
        run.until(RepairEvent.Completed.class);

        assertEquals(List.of("fetched", "rebuilt", "gated", "written", "recorded", "confirmed", "deleted", "completed"),
                run.steps());
        PlacementProof proof = world.nodes.deletions.get(0);
        String target = proof.node();
        assertEquals(List.of("write " + target + " " + ref.fragment(3), "delete " + bad + " " + ref.fragment(3)),
                world.nodes.log);
        assertFalse(world.nodes.store(bad).containsKey(ref.fragment(3)));
        assertEquals(1, world.nodes.copies(ref.fragment(3)));
    }

    @Test
    void withoutACensusConfirmationTheBadCopyIsNeverDeleted() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef ref = world.protect("rs(4,2)", 10_000, 6).get(0);
        String bad = world.holder(ref, 3);
        world.nodes.flipByte(bad, ref.fragment(3), FragmentHeader.BYTES + 3);
        world.census.put(Fixtures.with(world.entry(ref.stripe()), 3, bad, SlotState.CORRUPT));
        // A census whose read-back never shows the new placement (a lagging or diverged replica).
        world.census.freezeReads();

        Run run = new Run(world, ref, world.plan(ref, world.fleet));

        RepairEvent.AttemptFailed failed = run.until(RepairEvent.AttemptFailed.class);

        assertEquals("confirm", failed.failedStep());
        assertEquals(1, world.nodes.writes.size(), "the new copy was written");
        assertTrue(world.nodes.deletions.isEmpty(), "but the old one is kept: no proof of placement");
        assertNotNull(world.nodes.store(bad).get(ref.fragment(3)));
    }

    @Test
    void aRebuildThatFailsTheGateTwiceIsPoisonedAndNeverWritten() {
        World world = new World(Fixtures.fleet(8, 1));
        StripeRef honest = world.protect("rs(4,2)", 3_000, 7).get(0);
        StripeRef lying = Lies.withImpostorParity(world, honest, 4);
        world.census.put(Fixtures.with(world.entry(lying.stripe()), 0, "", SlotState.MISSING));
        world.lose(lying, 0);

        Run run = new Run(world, lying, world.plan(lying, world.fleet));
        RepairEvent.Gated first = run.until(RepairEvent.Gated.class);
        RepairEvent.Gated second = run.until(RepairEvent.Gated.class); // re-examined: every source fetched afresh
        StripeRepair.Outcome outcome = run.awaitOutcome();

        assertEquals(List.of(0), first.refused());
        assertEquals(List.of(0), second.refused());
        assertEquals(2, run.steps().stream().filter("fetched"::equals).count());
        StripeRepair.Poisoned poisoned = assertInstanceOf(StripeRepair.Poisoned.class, outcome);
        assertTrue(poisoned.reason().contains("failed the SHA gate 2 time(s)"), poisoned.reason());
        assertTrue(world.nodes.writes.isEmpty(), "an ungated fragment is never written");
    }
}
