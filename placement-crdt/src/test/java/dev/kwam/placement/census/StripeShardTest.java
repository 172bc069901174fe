package dev.kwam.placement.census;

import static dev.kwam.placement.census.CensusFixtures.cid;
import static dev.kwam.placement.census.CensusFixtures.slot;
import static dev.kwam.placement.census.CensusFixtures.slots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stripe shard's last-writer-wins rules, written as the replicas would see them. */
class StripeShardTest {
    private static final Cid STRIPE = cid("stripe");

    private static StripeShard write(StripeShard on, List<FragmentSlot> slots, long now, String writer) {
        StripeRecord existing = on.lookup(STRIPE).orElse(null);
        return on.record(StripeRecord.written(STRIPE, 10, 4, slots, now, writer, existing));
    }

    @Test
    void concurrentWritesOfDifferentSlotsOfOneStripeBothSurvive() {
        StripeShard base = write(StripeShard.EMPTY, slots(14, "n0"), 1_000, "w0");
        StripeShard onA = write(base, List.of(slot(3, "nA")), 2_000, "wA");
        StripeShard onB = write(base, List.of(slot(7, "nB")), 2_000, "wB");

        StripeEntry merged = onA.mergeData(onB).lookup(STRIPE).get().toEntry();

        assertEquals(slot(3, "nA"), merged.slots().get(3));
        assertEquals(slot(7, "nB"), merged.slots().get(7));
        assertEquals(slot(0, "n0"), merged.slots().get(0));
        assertEquals(onA.mergeData(onB), onB.mergeData(onA));
    }

    @Test
    void concurrentWritesOfOneSlotConvergeOnTheLaterStampThenTheGreaterWriter() {
        StripeShard base = write(StripeShard.EMPTY, slots(14, "n0"), 1_000, "w0");
        StripeShard later = write(base, List.of(slot(3, "late")), 3_000, "wA");
        StripeShard earlier = write(base, List.of(slot(3, "early")), 2_000, "wZ");
        StripeShard tieA = write(base, List.of(slot(5, "tieA")), 2_000, "wA");
        StripeShard tieB = write(base, List.of(slot(5, "tieB")), 2_000, "wB");

        assertEquals(slot(3, "late"), earlier.mergeData(later).lookup(STRIPE).get().toEntry().slots().get(3));
        assertEquals(slot(5, "tieB"), tieA.mergeData(tieB).lookup(STRIPE).get().toEntry().slots().get(5));
        assertEquals(slot(5, "tieB"), tieB.mergeData(tieA).lookup(STRIPE).get().toEntry().slots().get(5));
    }

    @Test
    void aWriterOverridesWhatItHasSeenEvenWhenItsClockStepsBack() {
        StripeShard first = write(StripeShard.EMPTY, List.of(slot(0, "old")), 5_000, "w");
        StripeShard second = write(first, List.of(slot(0, "new")), 4_000, "w");

        StripeRecord r = second.lookup(STRIPE).get();
        assertEquals(slot(0, "new"), r.toEntry().slots().get(0));
        assertEquals(5_001, r.stampAt(0));
    }

    @Test
    void theDeltaOfAWriteHoldsOnlyThatWrite() {
        StripeShard base = write(StripeShard.EMPTY, slots(14, "n0"), 1_000, "w0");
        StripeShard settled = (StripeShard) base.resetDelta();
        StripeShard next = write(settled, List.of(slot(2, "n2")), 2_000, "w0");

        StripeShard delta = next.deltaData().get();

        assertTrue(settled.deltaData().isEmpty());
        assertEquals(1, delta.slotCount());
        assertEquals(next, settled.mergeDeltaData(delta));
    }
}
