package dev.kwam.node.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A holder deletes its copy only when its own census shows that very fragment confirmed on another node. */
class CensusDeleteGuardTest {
    private static final Cid STRIPE = Cid.of(new byte[] {1});
    private static final Cid FRAGMENT = Cid.of(new byte[] {2});
    private static final StripeEntry CONFIRMED_ON_B = new StripeEntry(STRIPE, 2, 1, List.of(
            new FragmentSlot(0, Cid.of(new byte[] {3}), "node-c", SlotState.OK),
            new FragmentSlot(1, FRAGMENT, "node-b", SlotState.OK)));

    private static Optional<String> ask(CensusDeleteGuard guard, Optional<String> header) throws Exception {
        return guard.refusal(FRAGMENT, header).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CensusDeleteGuard guardOn(String self, StripeEntry census) {
        return new CensusDeleteGuard(self, stripe -> CompletableFuture.completedFuture(
                stripe.equals(census.stripe()) ? Optional.of(census) : Optional.empty()));
    }

    @Test
    void aProofTheCensusConfirmsOnAnotherNodeAllowsTheDelete() throws Exception {
        assertEquals(Optional.empty(), ask(guardOn("node-a", CONFIRMED_ON_B), Optional.of(STRIPE + " 1 node-b")));
    }

    @Test
    void noProofAMalformedOneOrOneNamingThisNodeIsRefusedWithoutAsking() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        CensusDeleteGuard guard = new CensusDeleteGuard("node-b", stripe -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.of(CONFIRMED_ON_B));
        });
        assertTrue(ask(guard, Optional.empty()).orElseThrow().contains("proof of placement"));
        assertTrue(ask(guard, Optional.of("not a proof")).orElseThrow().contains("malformed"));
        assertTrue(ask(guard, Optional.of(STRIPE + " 1 node-b")).orElseThrow().contains("this node itself"),
                "deleting the confirmed copy itself");
        assertEquals(0, asked.get());
    }

    @Test
    void aProofTheCensusDoesNotShowIsRefusedAfterLookingAgain() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        StripeEntry wrongIndex = new StripeEntry(STRIPE, 2, 1, List.of(new FragmentSlot(1, FRAGMENT, "node-b", SlotState.REPAIRING)));
        CensusDeleteGuard guard = new CensusDeleteGuard("node-a", stripe -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.of(wrongIndex));
        });
        Optional<String> refusal = ask(guard, Optional.of(STRIPE + " 1 node-b"));
        assertTrue(refusal.orElseThrow().contains("does not show"), refusal.toString());
        assertEquals(CensusDeleteGuard.ATTEMPTS, asked.get(), "gossip may lag: looked again before refusing");
        assertTrue(ask(guardOn("node-a", CONFIRMED_ON_B), Optional.of(STRIPE + " 0 node-c")).isPresent(),
                "index 0 holds another fragment: not a proof for this one");
    }
}
