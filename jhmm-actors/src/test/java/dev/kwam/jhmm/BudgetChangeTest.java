package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an operator may ask of the repair budget, and what is stored and reported for it. */
class BudgetChangeTest {
    private static final String OPS = "spiffe://kwam.test/acme/cl-1/az1/pod-1/ops/kwamd";
    private static final RepairBudget.Limits POLICY = new RepairBudget.Limits(4, 0);

    private static BudgetChange change(Integer max, Long bandwidth, boolean unlimited, boolean reset) {
        return new BudgetChange(Optional.ofNullable(max), Optional.ofNullable(bandwidth), unlimited, reset, OPS);
    }

    private static String onlyRefusal(BudgetChange c) {
        List<String> why = c.refusals();
        assertEquals(1, why.size(), String.valueOf(why));
        return why.get(0);
    }

    @Test
    void aPartialChangeKeepsTheOtherLimitAsItIsInForce() {
        RepairBudget.Limits now = new RepairBudget.Limits(4, 10L << 20);
        assertTrue(change(2, null, false, false).refusals().isEmpty());
        assertEquals(new RepairBudget.Limits(2, 10L << 20), change(2, null, false, false).applyTo(now));
        assertEquals(new RepairBudget.Limits(4, 50L << 20), change(null, 50L << 20, false, false).applyTo(now));
        assertEquals(new RepairBudget.Limits(4, 0), change(null, null, true, false).applyTo(now), "unlimited is 0");
        assertEquals(new RepairBudget.Limits(7, 1), change(7, 1L, false, false).applyTo(now));
        assertEquals(new RepairBudget.Limits(1024, 0), BudgetChange.to(new RepairBudget.Limits(1024, 0), OPS).applyTo(now));
        assertThrows(IllegalStateException.class, () -> BudgetChange.resetBy(OPS).applyTo(now));
    }

    @Test
    void outOfBoundsAndContradictoryChangesAreRefusedWithWhatToDoInstead() {
        assertTrue(onlyRefusal(change(0, null, false, false)).contains("max concurrent stripes 0 is outside 1..1024"));
        assertTrue(onlyRefusal(change(1025, null, false, false)).contains("outside 1..1024"));
        // A uint32 above Java's int range arrives negative and is shown as the caller sent it.
        assertTrue(onlyRefusal(change(-1, null, false, false)).contains("4294967295 is outside 1..1024"));
        assertTrue(onlyRefusal(change(null, 0L, false, false)).contains("0 would stop repair"));
        assertTrue(onlyRefusal(change(null, -1L, false, false)).contains("18446744073709551615"));
        assertTrue(onlyRefusal(change(null, 5L, true, false)).contains("give one of them"));
        assertTrue(onlyRefusal(change(2, null, false, true)).contains("a reset cannot be combined with new limits"));
        assertTrue(onlyRefusal(change(null, null, true, true)).contains("a reset cannot be combined"));
        assertTrue(onlyRefusal(change(null, null, false, false)).startsWith("nothing to change"));
        assertTrue(onlyRefusal(new BudgetChange(Optional.of(2), Optional.empty(), false, false, " ")).contains("setBy is blank"));
        assertTrue(BudgetChange.resetBy(OPS).refusals().isEmpty());
        assertEquals(2, change(0, 0L, false, false).refusals().size(), "every problem is named, not just the first");
    }

    @Test
    void aStoredOverrideIsInForceOnAnyHostAndNamesItsSetterAResetNamesThePolicy() {
        Instant at = Instant.parse("2026-05-06T07:08:09Z");
        StoredBudget override = new StoredBudget(Optional.of(new RepairBudget.Limits(2, 1 << 20)), OPS, at, POLICY);
        assertEquals(new RepairBudget.Limits(2, 1 << 20), override.inForce(POLICY));
        BudgetSource source = override.source("policy", POLICY);
        assertEquals("override set by " + OPS + " at 2026-05-06T07:08:09Z", source.describe());
        assertEquals(POLICY, source.configured());

        // A host configured otherwise applies the same override, and reports its own configured limits under it.
        RepairBudget.Limits other = new RepairBudget.Limits(8, 100L << 20);
        assertEquals(new RepairBudget.Limits(2, 1 << 20), override.inForce(other));
        assertEquals(other, override.source("kwam.node.repair (no policy)", other).configured());

        StoredBudget reset = new StoredBudget(Optional.empty(), "actor API", at, POLICY);
        assertEquals(other, reset.inForce(other), "after a reset every host runs its own configured limits");
        assertEquals("kwam.node.repair (no policy)", reset.source("kwam.node.repair (no policy)", other).describe());
    }
}
