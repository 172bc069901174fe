package dev.kwam.jhmm;

import static dev.kwam.jhmm.RepairAttempt.unwrap;

import dev.kwam.codec.FragmentSource;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.RecoveryException;
import dev.kwam.codec.StripeRebuild;
import dev.kwam.jhmm.RepairPlan.Loss;
import dev.kwam.jhmm.StripeRepair.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Fetch: only the sources the code needs, in rounds; a source that is missing, unreachable, silent, corrupt at
 * its holder or not hashing to the manifest's cid is ruled out, and the code names a replacement for the next
 * round. Each round asks the budget for its bytes first.
 */
final class FetchStep {
    record FetchBudgetDue(long attempt) implements Command {
    }

    /** A holder's answer: the fragment's bytes, or empty when it does not have it. */
    record SourceArrived(long attempt, int index, String node, Answer<Optional<byte[]>> answer) implements Command {
    }

    private final RepairAttempt a;
    private final StripeRebuild rebuild;
    private final Map<Integer, String> pending = new HashMap<>();
    private final List<Integer> fetched = new ArrayList<>();
    private final List<Integer> rejected = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    private FetchStep(RepairAttempt a) {
        this.a = a;
        this.rebuild = Kwam.rebuilding(a.ref.manifest(), a.ref.index(), a.targets.keySet());
        for (Loss loss : a.plan.losses()) {
            if (!a.targets.containsKey(loss.index())) {
                rebuild.missing(loss.index(), "lost (" + loss.cause() + "), not being rebuilt now");
            }
        }
    }

    /** A fresh rebuild: every source fetched anew (also after a gate failure). */
    static Behavior<Command> begin(RepairAttempt a) {
        return new FetchStep(a).round();
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(FetchBudgetDue.class, a::current, m -> round())
                .onMessage(SourceArrived.class, a::current, this::onSourceArrived)
                .onAnyMessage(m -> Behaviors.same()) // a reply to an earlier incarnation, before a restart
                .build();
    }

    private Behavior<Command> round() {
        List<Integer> needed;
        try {
            needed = rebuild.sourcesNeeded();
        } catch (RecoveryException e) {
            return a.poisoned(e.getMessage(), rebuild.problems());
        }
        if (needed.isEmpty()) {
            return RebuildStep.start(a, rebuild, fetched, rejected, startedNanos);
        }
        List<Integer> askable = new ArrayList<>();
        for (int index : needed) {
            if (a.plan.holderOf(index).isPresent()) {
                askable.add(index);
            } else {
                rebuild.missing(index, "no holder in the plan");
                rejected.add(index);
            }
        }
        if (askable.isEmpty()) {
            return round();
        }
        Duration wait = a.ports.budget().acquire(askable.size() * a.ref.fragmentBytes());
        if (!wait.isZero()) {
            a.timers.startSingleTimer(new FetchBudgetDue(a.id), wait);
            return behavior();
        }
        for (int index : askable) {
            String node = a.plan.holderOf(index).orElseThrow();
            pending.put(index, node);
            CompletableFuture<Optional<byte[]>> f = a.guard("fetch", () -> a.ports.fetcher().fetch(node, a.ref.fragment(index)))
                    .orTimeout(a.settings.fetchTimeout().toMillis(), TimeUnit.MILLISECONDS);
            a.context.pipeToSelf(f, (bytes, failure) -> new SourceArrived(a.id, index, node, Answer.of(bytes, failure)));
        }
        return behavior();
    }

    private Behavior<Command> onSourceArrived(SourceArrived m) {
        if (pending.remove(m.index()) == null) {
            return Behaviors.same();
        }
        if (m.answer() instanceof Answer.Failure<Optional<byte[]>> failed) {
            Throwable cause = unwrap(failed.cause());
            if (cause instanceof FragmentSource.CorruptAtSource) {
                rebuild.corrupt(m.index(), m.node() + " reports it corrupt: " + cause.getMessage());
            } else if (cause instanceof TimeoutException) {
                rebuild.missing(m.index(), m.node() + " did not answer within " + a.settings.fetchTimeout());
            } else {
                rebuild.missing(m.index(), m.node() + " unreachable: " + cause);
            }
            rejected.add(m.index());
            return pending.isEmpty() ? round() : Behaviors.same();
        }
        Optional<byte[]> bytes = ((Answer.Value<Optional<byte[]>>) m.answer()).value();
        if (bytes.isEmpty()) {
            rebuild.missing(m.index(), m.node() + " does not have it");
            rejected.add(m.index());
        } else if (rebuild.offer(m.index(), bytes.get()).isPresent()) {
            rejected.add(m.index()); // bytes that do not hash to the manifest's cid: never used
        } else {
            fetched.add(m.index());
        }
        return pending.isEmpty() ? round() : Behaviors.same();
    }
}
