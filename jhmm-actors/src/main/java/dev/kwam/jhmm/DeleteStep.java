package dev.kwam.jhmm;

import static dev.kwam.jhmm.RepairAttempt.unwrap;

import dev.kwam.jhmm.RepairPlan.Loss;
import dev.kwam.jhmm.StripeRepair.Command;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Delete, only with a proof: a corrupt copy on a still-live node, or a second fragment crowded onto one node, goes
 * once its replacement is confirmed. A failed delete is reported as surplus left, not as a failed repair.
 */
final class DeleteStep {
    record DeleteDone(long attempt, int index, String node, Optional<Throwable> failure) implements Command {
    }

    private final RepairAttempt a;
    private final Map<Integer, String> pending = new HashMap<>();

    private DeleteStep(RepairAttempt a) {
        this.a = a;
    }

    static Behavior<Command> start(RepairAttempt a) {
        return new DeleteStep(a).deleteBadCopies();
    }

    private Behavior<Command> deleteBadCopies() {
        for (PlacementProof proof : a.proofs) {
            Optional<Loss> loss = a.plan.loss(proof.index());
            if (loss.isEmpty() || loss.get().node().isEmpty() || loss.get().node().equals(proof.node())) {
                continue;
            }
            LossCause cause = loss.get().cause();
            if (cause != LossCause.CORRUPT && cause != LossCause.CROWDED) {
                continue; // nothing left to delete: the node is gone, or never had it
            }
            String node = loss.get().node();
            pending.put(proof.index(), node);
            CompletableFuture<Void> d = a.guard("delete", () -> a.ports.writer().delete(proof, node, proof.fragment()))
                    .orTimeout(a.settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            a.context.pipeToSelf(d, (ok, failure) -> new DeleteDone(a.id, proof.index(), node, Optional.ofNullable(failure)));
        }
        if (pending.isEmpty()) {
            return a.finish();
        }
        return Behaviors.receive(Command.class)
                .onMessage(DeleteDone.class, a::current, this::onDeleteDone)
                .onAnyMessage(m -> Behaviors.same()) // a reply to an earlier incarnation, before a restart
                .build();
    }

    private Behavior<Command> onDeleteDone(DeleteDone m) {
        if (pending.remove(m.index()) == null) {
            return Behaviors.same();
        }
        if (m.failure().isPresent()) {
            a.surplusLeft.add("fragment " + m.index() + " on " + m.node() + ": " + unwrap(m.failure().get()));
        } else {
            a.emit(new RepairEvent.Deleted(a.ref.stripe(), m.index(), m.node(), Instant.now()));
        }
        return pending.isEmpty() ? a.finish() : Behaviors.same();
    }
}
