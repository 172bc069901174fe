package dev.kwam.node.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.node.store.StoredFragment;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which local copies count as surplus: only those the census places, OK and identical, on another live node. */
class SurplusCollectorTest {
    private static final Cid STRIPE = cid("stripe");
    private static final Cid FRAGMENT_2 = cid("fragment-2");

    @Test
    void aCopyTheCensusPlacesOkOnAnotherLiveNodeIsSurplus() {
        StoredFragment local = stored(FRAGMENT_2, 2);
        Map<Cid, StripeEntry> census = Map.of(STRIPE, entry(new FragmentSlot(2, FRAGMENT_2, "n7", SlotState.OK)));

        List<SurplusCollector.Surplus> found = SurplusCollector.surplus(List.of(local), census, Set.of("n1", "n7"), "n1");

        assertEquals(List.of(new SurplusCollector.Surplus(local, "n7")), found);
    }

    @Test
    void aCopyIsKeptWheneverTheCensusDoesNotProveAnotherHolder() {
        StoredFragment local = stored(FRAGMENT_2, 2);
        Set<String> live = Set.of("n1", "n7");
        List<FragmentSlot> notProof = List.of(
                new FragmentSlot(2, FRAGMENT_2, "n1", SlotState.OK), // this node is the holder
                new FragmentSlot(2, FRAGMENT_2, "n9", SlotState.OK), // the holder is not live
                new FragmentSlot(2, FRAGMENT_2, "n7", SlotState.REPAIRING), // still being written there
                new FragmentSlot(2, FRAGMENT_2, "n7", SlotState.CORRUPT),
                new FragmentSlot(2, FRAGMENT_2, "n7", SlotState.MISSING),
                new FragmentSlot(2, cid("another-fragment"), "n7", SlotState.OK), // a different fragment at that index
                new FragmentSlot(3, FRAGMENT_2, "n7", SlotState.OK)); // another index
        for (FragmentSlot slot : notProof) {
            assertEquals(List.of(), SurplusCollector.surplus(List.of(local), Map.of(STRIPE, entry(slot)), live, "n1"),
                    slot.toString());
        }
        assertEquals(List.of(), SurplusCollector.surplus(List.of(local), Map.of(), live, "n1"), "no census entry at all");
    }

    private static StripeEntry entry(FragmentSlot slot) {
        return new StripeEntry(STRIPE, 4, 2, List.of(slot));
    }

    private static StoredFragment stored(Cid fragment, int index) {
        FragmentHeader header = new FragmentHeader(new CodecSpec.ReedSolomonSpec(4, 2), index, 0, 400, 100, STRIPE, new byte[32]);
        return new StoredFragment(fragment, header, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Cid cid(String name) {
        return Cid.of(name.getBytes(StandardCharsets.UTF_8));
    }
}
