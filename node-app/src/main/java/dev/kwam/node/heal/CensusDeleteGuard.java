package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.node.dataplane.DeleteGuard;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The holder's own check of a proof of placement before {@code DELETE /chunk/{cid}}: its census replica
 * must show the very fragment being deleted recorded OK, at the proof's index, on the proof's node — and
 * that node must not be this one. The census write that made the proof went to a majority; this replica
 * may lag by a gossip round, so a proof not visible yet is looked up again a few times before refusal.
 */
public final class CensusDeleteGuard implements DeleteGuard {
    static final int ATTEMPTS = 6;
    static final Duration SPACING = Duration.ofMillis(500);
    private final String self;
    private final Function<Cid, CompletionStage<Optional<StripeEntry>>> lookup;

    public CensusDeleteGuard(String self, Function<Cid, CompletionStage<Optional<StripeEntry>>> lookup) {
        this.self = self;
        this.lookup = lookup;
    }

    /** A lookup through the census actor. */
    public static Function<Cid, CompletionStage<Optional<StripeEntry>>> lookupWith(CensusQuestions census) {
        return stripe -> census.<Census.Stripes>ask(replyTo -> new Census.LookupStripes(List.of(stripe), replyTo))
                .thenApply(found -> Optional.ofNullable(found.found().get(stripe)));
    }

    @Override
    public CompletionStage<Optional<String>> refusal(Cid fragment, Optional<String> proofHeader) {
        if (proofHeader.isEmpty()) {
            return done("no " + DeleteProof.HEADER + " header: a fragment is deleted only against a proof of placement");
        }
        Optional<DeleteProof> proof = DeleteProof.parse(proofHeader.get());
        if (proof.isEmpty()) {
            return done("malformed " + DeleteProof.HEADER + " header (expected '<stripe cid> <index> <node>')");
        }
        if (proof.get().node().equals(self)) {
            return done("the proof names this node itself: deleting here would remove the confirmed copy");
        }
        return check(fragment, proof.get(), 1);
    }

    private CompletionStage<Optional<String>> check(Cid fragment, DeleteProof proof, int attempt) {
        return lookup.apply(proof.stripe()).handle((entry, failure) -> {
            if (failure != null) {
                return Optional.of("the census did not answer: " + failure);
            }
            for (FragmentSlot slot : entry.map(StripeEntry::slots).orElse(List.of())) {
                if (slot.index() == proof.index() && slot.fragment().equals(fragment) && slot.node().equals(proof.node())
                        && slot.state() == SlotState.OK) {
                    return Optional.<String>empty();
                }
            }
            return Optional.of("the census does not show fragment " + proof.index() + " of " + proof.stripe() + " (" + fragment
                    + ") OK on " + proof.node());
        }).thenCompose(refusal -> refusal.isEmpty() || attempt >= ATTEMPTS
                ? CompletableFuture.completedFuture(refusal)
                : CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(SPACING.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> check(fragment, proof, attempt + 1)));
    }

    private static CompletionStage<Optional<String>> done(String refusal) {
        return CompletableFuture.completedFuture(Optional.of(refusal));
    }
}
