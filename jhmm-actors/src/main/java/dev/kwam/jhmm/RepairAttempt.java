package dev.kwam.jhmm;

import dev.kwam.codec.FragmentProblem;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.StripeRepair.Command;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.function.Function2;

/**
 * One incarnation of a {@link StripeRepair}: what it repairs, what it talks to, and what its steps hand on
 * (the gated fragments, the proofs, the bytes moved). A restart makes a new one, with a new {@link #id}.
 */
final class RepairAttempt {
    /** Tells one incarnation's replies from an earlier one's after a restart. */
    private static final AtomicLong ATTEMPTS = new AtomicLong();

    final ActorContext<Command> context;
    final TimerScheduler<Command> timers;
    final StripeRef ref;
    final StripePlan plan;
    final RepairPorts ports;
    final StripeRepair.Settings settings;
    final long id = ATTEMPTS.incrementAndGet();
    final Map<Integer, String> targets = new TreeMap<>();
    private final ActorRef<RepairEvent> events;
    private final ActorRef<StripeRepair.Outcome> replyTo;
    private final long startedNanos = System.nanoTime();

    /** Rebuilds whose gate refused a fragment; survives the fresh fetch that follows each. */
    int gateFailures;
    /** The rebuilt fragments that passed the gate: what is written, recorded and confirmed. */
    List<Fragment> gated = List.of();
    final List<PlacementProof> proofs = new ArrayList<>();
    final List<String> surplusLeft = new ArrayList<>();
    long bytesMoved;

    RepairAttempt(ActorContext<Command> context, TimerScheduler<Command> timers, StripeRef ref, StripePlan plan,
            RepairPorts ports, StripeRepair.Settings settings, ActorRef<RepairEvent> events,
            ActorRef<StripeRepair.Outcome> replyTo) {
        this.context = context;
        this.timers = timers;
        this.ref = ref;
        this.plan = plan;
        this.ports = ports;
        this.settings = settings;
        this.events = events;
        this.replyTo = replyTo;
        plan.targets().forEach(t -> targets.put(t.index(), t.node()));
    }

    boolean current(Command m) {
        return m.attempt() == id;
    }

    void emit(RepairEvent event) {
        events.tell(event);
    }

    Behavior<Command> finish() {
        Duration took = since(startedNanos);
        emit(new RepairEvent.Completed(ref.stripe(), bytesMoved, took, Instant.now()));
        replyTo.tell(new StripeRepair.Repaired(ref.stripe(), proofs, bytesMoved, took, surplusLeft));
        return Behaviors.stopped();
    }

    Behavior<Command> poisoned(String reason, List<FragmentProblem> problems) {
        replyTo.tell(new StripeRepair.Poisoned(ref.stripe(), reason, problems));
        return Behaviors.stopped();
    }

    void askCensusToRecord(List<FragmentSlot> slots, Function2<Census.Recorded, Throwable, Command> adapt) {
        context.ask(Census.Recorded.class, ports.census(), settings.censusTimeout(),
                replyTo -> new Census.RecordFragments(ref.stripe(), ref.codec().dataCount(), ref.codec().parityCount(),
                        slots, replyTo), adapt);
    }

    /** A port that throws instead of failing its future is a bug there: it crashes this attempt. */
    <T> CompletableFuture<T> guard(String step, Supplier<CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture().thenApply(x -> x);
        } catch (RuntimeException e) {
            throw fail(step, "the port threw " + e, e);
        }
    }

    /** Reports the failed attempt, and returns the exception that ends it. */
    StripeRepair.RepairStepFailed fail(String step, String reason, Throwable cause) {
        emit(new RepairEvent.AttemptFailed(ref.stripe(), step, reason, Instant.now()));
        return new StripeRepair.RepairStepFailed(ref.stripe(), step, reason, cause);
    }

    List<Integer> gatedIndexes() {
        return gated.stream().map(f -> f.header().fragmentIndex()).sorted().toList();
    }

    static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    static List<Integer> sorted(List<Integer> xs) {
        return xs.stream().sorted().toList();
    }
}
