package dev.kwam.jhmm;

import static dev.kwam.jhmm.RepairAttempt.since;
import static dev.kwam.jhmm.RepairAttempt.unwrap;

import dev.kwam.codec.fragment.Fragment;
import dev.kwam.jhmm.StripeRepair.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Write: gated fragments only, each to its target, after the budget granted their bytes; any failure ends the attempt. */
final class WriteStep {
    record WriteBudgetDue(long attempt) implements Command {
    }

    record WriteDone(long attempt, int index, String node, long bytes, long startedNanos, Optional<Throwable> failure)
            implements Command {
    }

    private final RepairAttempt a;
    private final Map<Integer, String> pending = new HashMap<>();

    private WriteStep(RepairAttempt a) {
        this.a = a;
    }

    static Behavior<Command> start(RepairAttempt a) {
        return new WriteStep(a).writeAll();
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(WriteBudgetDue.class, a::current, m -> writeAll())
                .onMessage(WriteDone.class, a::current, this::onWriteDone)
                .onAnyMessage(m -> Behaviors.same()) // a reply to an earlier incarnation, before a restart
                .build();
    }

    private Behavior<Command> writeAll() {
        long bytes = a.gated.stream().mapToLong(Fragment::size).sum();
        Duration wait = a.ports.budget().acquire(bytes);
        if (!wait.isZero()) {
            a.timers.startSingleTimer(new WriteBudgetDue(a.id), wait);
            return behavior();
        }
        for (Fragment f : a.gated) {
            int index = f.header().fragmentIndex();
            String node = a.targets.get(index);
            pending.put(index, node);
            long started = System.nanoTime();
            CompletableFuture<Void> w = a.guard("write", () -> a.ports.writer().write(node, f))
                    .orTimeout(a.settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            a.context.pipeToSelf(w, (ok, failure) -> new WriteDone(a.id, index, node, f.size(), started,
                    Optional.ofNullable(failure)));
        }
        return behavior();
    }

    private Behavior<Command> onWriteDone(WriteDone m) {
        if (m.failure().isPresent()) {
            Throwable cause = unwrap(m.failure().get());
            throw a.fail("write", "fragment " + m.index() + " to " + m.node() + ": " + cause, cause);
        }
        if (pending.remove(m.index()) == null) {
            return Behaviors.same();
        }
        a.bytesMoved += m.bytes();
        a.emit(new RepairEvent.Written(a.ref.stripe(), m.index(), m.node(), m.bytes(), since(m.startedNanos()), Instant.now()));
        return pending.isEmpty() ? ConfirmStep.record(a) : Behaviors.same();
    }
}
