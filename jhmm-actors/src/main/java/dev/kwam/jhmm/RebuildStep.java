package dev.kwam.jhmm;

import static dev.kwam.jhmm.RepairAttempt.since;
import static dev.kwam.jhmm.RepairAttempt.sorted;
import static dev.kwam.jhmm.RepairAttempt.unwrap;

import dev.kwam.codec.FragmentProblem;
import dev.kwam.codec.RebuildResult;
import dev.kwam.codec.RecoveryException;
import dev.kwam.codec.StripeRebuild;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.jhmm.StripeRepair.Command;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Rebuild and SHA gate: the codec reconstructs the targets on its executor and re-seals each; a refused fragment
 * means the sources disagree with the manifest, so every source is fetched afresh and the stripe rebuilt once
 * more, and past {@link StripeRepair.Settings#gateAttempts()} the stripe is poisoned.
 */
final class RebuildStep {
    record RebuildDone(long attempt, Answer<RebuildResult> answer) implements Command {
    }

    private RebuildStep() {
    }

    static Behavior<Command> start(RepairAttempt a, StripeRebuild rebuild, List<Integer> fetched, List<Integer> rejected,
            long fetchStartedNanos) {
        long read = rebuild.bytesRead();
        a.bytesMoved += read;
        a.emit(new RepairEvent.Fetched(a.ref.stripe(), sorted(fetched), sorted(rejected), read, since(fetchStartedNanos),
                Instant.now()));
        long startedNanos = System.nanoTime();
        CompletableFuture<RebuildResult> f = CompletableFuture.supplyAsync(() -> {
            try {
                return rebuild.rebuild();
            } catch (RecoveryException e) {
                throw new CompletionException(e);
            }
        }, a.ports.codec());
        a.context.pipeToSelf(f, (result, failure) -> new RebuildDone(a.id, Answer.of(result, failure)));
        return Behaviors.receive(Command.class)
                .onMessage(RebuildDone.class, a::current, m -> onRebuildDone(a, m, startedNanos))
                .onAnyMessage(m -> Behaviors.same()) // a reply to an earlier incarnation, before a restart
                .build();
    }

    private static Behavior<Command> onRebuildDone(RepairAttempt a, RebuildDone m, long startedNanos) {
        if (m.answer() instanceof Answer.Failure<RebuildResult> failed) {
            Throwable cause = unwrap(failed.cause());
            throw a.fail("rebuild", String.valueOf(cause), cause);
        }
        RebuildResult result = ((Answer.Value<RebuildResult>) m.answer()).value();
        List<Integer> passed = result.rebuilt().stream().map(f -> f.header().fragmentIndex()).toList();
        List<Integer> refused = result.refused().stream().map(FragmentProblem::fragmentIndex).toList();
        long rebuiltBytes = result.rebuilt().stream().mapToLong(Fragment::size).sum();
        List<Integer> all = new ArrayList<>(passed);
        all.addAll(refused);
        a.emit(new RepairEvent.Rebuilt(a.ref.stripe(), sorted(all), rebuiltBytes, since(startedNanos), Instant.now()));
        a.emit(new RepairEvent.Gated(a.ref.stripe(), passed, refused, Instant.now()));
        if (!refused.isEmpty()) {
            a.gateFailures++;
            if (a.gateFailures >= a.settings.gateAttempts()) {
                return a.poisoned("rebuilt fragment(s) " + refused + " failed the SHA gate " + a.gateFailures
                        + " time(s): the sources disagree with the manifest", result.refused());
            }
            return FetchStep.begin(a);
        }
        a.gated = result.rebuilt();
        return WriteStep.start(a);
    }
}
