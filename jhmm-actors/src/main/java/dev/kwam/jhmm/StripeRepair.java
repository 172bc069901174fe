package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentProblem;
import dev.kwam.codec.FragmentSource;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.RebuildResult;
import dev.kwam.codec.RecoveryException;
import dev.kwam.codec.StripeRebuild;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.jhmm.RepairPlan.Loss;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One stripe's repair, start to finish: claim the targets in the census → fetch sources (hash-checked,
 * a bad one replaced by another) → rebuild on the codec executor → SHA gate → write each gated
 * fragment to its target → record it in the census → read the census back (proof of placement) → only
 * then delete bad or surplus copies → report. Every step emits a {@link RepairEvent}.
 *
 * <p>Failures of the network or the census throw {@link RepairStepFailed}: the supervisor restarts the
 * repair from the top after a backoff, which is safe because every step is idempotent (writes are
 * content-addressed, census slots merge by index). A stripe that cannot be rebuilt — too few good
 * sources, or sources whose rebuild fails the gate twice — is reported {@link Poisoned}, not retried.
 */
public final class StripeRepair extends AbstractBehavior<StripeRepair.Command> {

    /** Messages a repair sends itself; none comes from outside. */
    public interface Command {
    }

    /** How a repair ended. */
    public sealed interface Outcome permits Repaired, Poisoned {
        Cid stripe();
    }

    /**
     * Every placed target written, recorded and confirmed. {@code surplusLeft} lists bad copies whose
     * deletion failed (they stay quarantined in the census; a later scrub finds them again).
     */
    public record Repaired(Cid stripe, List<PlacementProof> proofs, long bytes, Duration duration,
            List<String> surplusLeft) implements Outcome {
        public Repaired {
            proofs = List.copyOf(proofs);
            surplusLeft = List.copyOf(surplusLeft);
        }
    }

    /** The stripe cannot be rebuilt from what is left, or what is left disagrees with the manifest. */
    public record Poisoned(Cid stripe, String reason, List<FragmentProblem> problems) implements Outcome {
        public Poisoned {
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param fetchTimeout    a source that has not answered by then is treated as missing, and replaced
     * @param writeTimeout    a write not durable by then fails the attempt
     * @param censusTimeout   a census command not answered by then fails the attempt
     * @param confirmAttempts census read-backs before the attempt fails (gossip may lag the write)
     * @param gateAttempts    full rebuilds (fresh fetches) before a gate failure poisons the stripe
     */
    public record Settings(Duration fetchTimeout, Duration writeTimeout, Duration censusTimeout, int confirmAttempts,
            int gateAttempts) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 5, 2);
    }

    /** A step failed in a way a later attempt may not (a node down, a census timeout). */
    public static final class RepairStepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RepairStepFailed(Cid stripe, String step, String reason, Throwable cause) {
            super(step + " of " + stripe + " failed: " + reason, cause);
        }
    }

    private record Claimed(long attempt, Optional<Throwable> failure) implements Command {
    }

    private record FetchBudgetDue(long attempt) implements Command {
    }

    private record SourceArrived(long attempt, int index, String node, Optional<byte[]> bytes,
            Optional<Throwable> failure) implements Command {
    }

    private record RebuildDone(long attempt, Optional<RebuildResult> result, Optional<Throwable> failure)
            implements Command {
    }

    private record WriteBudgetDue(long attempt) implements Command {
    }

    private record WriteDone(long attempt, int index, String node, long bytes, long startedNanos,
            Optional<Throwable> failure) implements Command {
    }

    private record CensusRecorded(long attempt, Optional<Census.Recorded> recorded, Optional<Throwable> failure)
            implements Command {
    }

    private record ConfirmDue(long attempt) implements Command {
    }

    private record CensusRead(long attempt, Optional<Census.Stripes> stripes, Optional<Throwable> failure)
            implements Command {
    }

    private record DeleteDone(long attempt, int index, String node, Optional<Throwable> failure) implements Command {
    }

    /** Tells one incarnation's replies from an earlier one's after a restart. */
    private static final AtomicLong ATTEMPTS = new AtomicLong();

    private final StripeRef ref;
    private final StripePlan plan;
    private final RepairPorts ports;
    private final Settings settings;
    private final ActorRef<RepairEvent> events;
    private final ActorRef<Outcome> replyTo;
    private final TimerScheduler<Command> timers;
    private final long attempt = ATTEMPTS.incrementAndGet();
    private final long startedNanos = System.nanoTime();
    private final Map<Integer, String> targets = new TreeMap<>();

    private StripeRebuild rebuild;
    private final Map<Integer, String> pendingFetches = new HashMap<>();
    private List<Integer> round = List.of();
    private final List<Integer> fetched = new ArrayList<>();
    private final List<Integer> rejected = new ArrayList<>();
    private long fetchStartedNanos;
    private long rebuildStartedNanos;
    private int gateFailures;
    private List<Fragment> gated = List.of();
    private final Map<Integer, String> pendingWrites = new HashMap<>();
    private long stepStartedNanos;
    private int confirmTries;
    private final List<PlacementProof> proofs = new ArrayList<>();
    private final Map<Integer, String> pendingDeletes = new HashMap<>();
    private final List<String> surplusLeft = new ArrayList<>();
    private long bytesMoved;

    public static Behavior<Command> create(StripeRef ref, StripePlan plan, RepairPorts ports, Settings settings,
            ActorRef<RepairEvent> events, ActorRef<Outcome> replyTo) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new StripeRepair(context, timers, ref, plan, ports, settings, events, replyTo)));
    }

    private StripeRepair(ActorContext<Command> context, TimerScheduler<Command> timers, StripeRef ref, StripePlan plan,
            RepairPorts ports, Settings settings, ActorRef<RepairEvent> events, ActorRef<Outcome> replyTo) {
        super(context);
        this.timers = timers;
        this.ref = ref;
        this.plan = plan;
        this.ports = ports;
        this.settings = settings;
        this.events = events;
        this.replyTo = replyTo;
        plan.targets().forEach(t -> targets.put(t.index(), t.node()));
        claim();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Claimed.class, m -> current(m.attempt()), this::onClaimed)
                .onMessage(FetchBudgetDue.class, m -> current(m.attempt()), m -> fetchRound())
                .onMessage(SourceArrived.class, m -> current(m.attempt()), this::onSourceArrived)
                .onMessage(RebuildDone.class, m -> current(m.attempt()), this::onRebuildDone)
                .onMessage(WriteBudgetDue.class, m -> current(m.attempt()), m -> writeAll())
                .onMessage(WriteDone.class, m -> current(m.attempt()), this::onWriteDone)
                .onMessage(CensusRecorded.class, m -> current(m.attempt()), this::onRecorded)
                .onMessage(ConfirmDue.class, m -> current(m.attempt()), m -> confirm())
                .onMessage(CensusRead.class, m -> current(m.attempt()), this::onCensusRead)
                .onMessage(DeleteDone.class, m -> current(m.attempt()), this::onDeleteDone)
                .onAnyMessage(m -> this) // replies to an earlier incarnation, before a restart
                .build();
    }

    private boolean current(long messageAttempt) {
        return messageAttempt == attempt;
    }

    // --- claim: the census shows where this repair writes, so a restarted node resumes on the same targets

    private void claim() {
        List<FragmentSlot> slots = new ArrayList<>();
        targets.forEach((index, node) -> slots.add(new FragmentSlot(index, ref.fragment(index), node, SlotState.REPAIRING)));
        askCensusToRecord(slots, (ok, failure) -> new Claimed(attempt, Optional.ofNullable(failure)));
    }

    private Behavior<Command> onClaimed(Claimed m) {
        m.failure().ifPresent(f -> {
            throw fail("claim", "the census did not record the targets: " + f, f);
        });
        return beginRebuild();
    }

    // --- fetch

    private Behavior<Command> beginRebuild() {
        rebuild = Kwam.rebuilding(ref.manifest(), ref.index(), targets.keySet());
        for (Loss loss : plan.losses()) {
            if (!targets.containsKey(loss.index())) {
                rebuild.missing(loss.index(), "lost (" + loss.cause() + "), not being rebuilt now");
            }
        }
        fetched.clear();
        rejected.clear();
        fetchStartedNanos = System.nanoTime();
        return fetchRound();
    }

    private Behavior<Command> fetchRound() {
        List<Integer> needed;
        try {
            needed = rebuild.sourcesNeeded();
        } catch (RecoveryException e) {
            return poisoned(e.getMessage(), rebuild.problems());
        }
        if (needed.isEmpty()) {
            return startRebuild();
        }
        List<Integer> askable = new ArrayList<>();
        for (int index : needed) {
            Optional<String> holder = plan.holderOf(index);
            if (holder.isPresent()) {
                askable.add(index);
            } else {
                rebuild.missing(index, "no holder in the plan");
                rejected.add(index);
            }
        }
        if (askable.isEmpty()) {
            return fetchRound();
        }
        round = askable;
        Duration wait = ports.budget().acquire(askable.size() * ref.fragmentBytes());
        if (!wait.isZero()) {
            timers.startSingleTimer(new FetchBudgetDue(attempt), wait);
            return this;
        }
        for (int index : round) {
            String node = plan.holderOf(index).orElseThrow();
            pendingFetches.put(index, node);
            CompletableFuture<Optional<byte[]>> f = guard("fetch", () -> ports.fetcher().fetch(node, ref.fragment(index)))
                    .orTimeout(settings.fetchTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            getContext().pipeToSelf(f, (bytes, failure) -> new SourceArrived(attempt, index, node,
                    Optional.ofNullable(bytes).flatMap(b -> b), Optional.ofNullable(failure)));
        }
        return this;
    }

    private Behavior<Command> onSourceArrived(SourceArrived m) {
        if (pendingFetches.remove(m.index()) == null) {
            return this;
        }
        if (m.failure().isPresent()) {
            Throwable cause = unwrap(m.failure().get());
            if (cause instanceof FragmentSource.CorruptAtSource) {
                rebuild.corrupt(m.index(), m.node() + " reports it corrupt: " + cause.getMessage());
            } else if (cause instanceof TimeoutException) {
                rebuild.missing(m.index(), m.node() + " did not answer within " + settings.fetchTimeout());
            } else {
                rebuild.missing(m.index(), m.node() + " unreachable: " + cause);
            }
            rejected.add(m.index());
        } else if (m.bytes().isEmpty()) {
            rebuild.missing(m.index(), m.node() + " does not have it");
            rejected.add(m.index());
        } else if (rebuild.offer(m.index(), m.bytes().get()).isPresent()) {
            rejected.add(m.index()); // bytes that do not hash to the manifest's cid: never used
        } else {
            fetched.add(m.index());
        }
        return pendingFetches.isEmpty() ? fetchRound() : this;
    }

    // --- rebuild and gate

    private Behavior<Command> startRebuild() {
        long read = rebuild.bytesRead();
        bytesMoved += read;
        emit(new RepairEvent.Fetched(ref.stripe(), sorted(fetched), sorted(rejected), read, since(fetchStartedNanos),
                Instant.now()));
        rebuildStartedNanos = System.nanoTime();
        StripeRebuild work = rebuild;
        CompletableFuture<RebuildResult> f = CompletableFuture.supplyAsync(() -> {
            try {
                return work.rebuild();
            } catch (RecoveryException e) {
                throw new CompletionException(e);
            }
        }, ports.codec());
        getContext().pipeToSelf(f, (result, failure) -> new RebuildDone(attempt, Optional.ofNullable(result),
                Optional.ofNullable(failure)));
        return this;
    }

    private Behavior<Command> onRebuildDone(RebuildDone m) {
        if (m.failure().isPresent()) {
            Throwable cause = unwrap(m.failure().get());
            throw fail("rebuild", String.valueOf(cause), cause);
        }
        RebuildResult result = m.result().orElseThrow();
        List<Integer> passed = result.rebuilt().stream().map(f -> f.header().fragmentIndex()).toList();
        List<Integer> refused = result.refused().stream().map(FragmentProblem::fragmentIndex).toList();
        long rebuiltBytes = result.rebuilt().stream().mapToLong(Fragment::size).sum();
        emit(new RepairEvent.Rebuilt(ref.stripe(), sorted(concat(passed, refused)), rebuiltBytes,
                since(rebuildStartedNanos), Instant.now()));
        emit(new RepairEvent.Gated(ref.stripe(), passed, refused, Instant.now()));
        if (!refused.isEmpty()) {
            gateFailures++;
            if (gateFailures >= settings.gateAttempts()) {
                return poisoned("rebuilt fragment(s) " + refused + " failed the SHA gate " + gateFailures
                        + " time(s): the sources disagree with the manifest", result.refused());
            }
            return beginRebuild(); // re-examine: fetch every source afresh and rebuild once more
        }
        gated = result.rebuilt();
        stepStartedNanos = System.nanoTime();
        return writeAll();
    }

    // --- write

    private Behavior<Command> writeAll() {
        long bytes = gated.stream().mapToLong(Fragment::size).sum();
        Duration wait = ports.budget().acquire(bytes);
        if (!wait.isZero()) {
            timers.startSingleTimer(new WriteBudgetDue(attempt), wait);
            return this;
        }
        for (Fragment f : gated) {
            int index = f.header().fragmentIndex();
            String node = targets.get(index);
            pendingWrites.put(index, node);
            long started = System.nanoTime();
            CompletableFuture<Void> w = guard("write", () -> ports.writer().write(node, f))
                    .orTimeout(settings.writeTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            getContext().pipeToSelf(w, (ok, failure) -> new WriteDone(attempt, index, node, f.size(), started,
                    Optional.ofNullable(failure)));
        }
        return this;
    }

    private Behavior<Command> onWriteDone(WriteDone m) {
        if (m.failure().isPresent()) {
            Throwable cause = unwrap(m.failure().get());
            throw fail("write", "fragment " + m.index() + " to " + m.node() + ": " + cause,
                    cause);
        }
        if (pendingWrites.remove(m.index()) == null) {
            return this;
        }
        bytesMoved += m.bytes();
        emit(new RepairEvent.Written(ref.stripe(), m.index(), m.node(), m.bytes(), since(m.startedNanos()),
                Instant.now()));
        return pendingWrites.isEmpty() ? record() : this;
    }

    // --- record, then read back: proof of placement

    private Behavior<Command> record() {
        stepStartedNanos = System.nanoTime();
        List<FragmentSlot> slots = new ArrayList<>();
        for (Fragment f : gated) {
            int index = f.header().fragmentIndex();
            slots.add(new FragmentSlot(index, f.cid(), targets.get(index), SlotState.OK));
        }
        askCensusToRecord(slots, (ok, failure) -> new CensusRecorded(attempt, Optional.ofNullable(ok),
                Optional.ofNullable(failure)));
        return this;
    }

    private Behavior<Command> onRecorded(CensusRecorded m) {
        if (m.failure().isPresent()) {
            throw fail("record", "the census did not record the new placement: "
                    + m.failure().get(), m.failure().get());
        }
        emit(new RepairEvent.Recorded(ref.stripe(), gatedIndexes(), m.recorded().orElseThrow().replicated(),
                since(stepStartedNanos), Instant.now()));
        stepStartedNanos = System.nanoTime();
        return confirm();
    }

    private Behavior<Command> confirm() {
        getContext().ask(Census.Stripes.class, ports.census(), settings.censusTimeout(),
                replyTo -> new Census.LookupStripes(List.of(ref.stripe()), replyTo),
                (found, failure) -> new CensusRead(attempt, Optional.ofNullable(found), Optional.ofNullable(failure)));
        return this;
    }

    private Behavior<Command> onCensusRead(CensusRead m) {
        Optional<StripeEntry> entry = m.stripes().flatMap(s -> Optional.ofNullable(s.found().get(ref.stripe())));
        List<PlacementProof> confirmed = new ArrayList<>();
        for (Fragment f : gated) {
            int index = f.header().fragmentIndex();
            String node = targets.get(index);
            boolean shown = entry.map(e -> e.slots().stream().anyMatch(s -> s.index() == index
                    && s.state() == SlotState.OK && s.node().equals(node) && s.fragment().equals(f.cid()))).orElse(false);
            if (shown) {
                confirmed.add(new PlacementProof(ref.stripe(), index, f.cid(), node));
            }
        }
        if (confirmed.size() < gated.size()) {
            if (++confirmTries >= settings.confirmAttempts()) {
                throw fail("confirm", "the census does not show the new placement after "
                        + confirmTries + " read(s)" + m.failure().map(f -> ": " + f).orElse(""), m.failure().orElse(null));
            }
            timers.startSingleTimer(new ConfirmDue(attempt), Duration.ofMillis(50L << Math.min(confirmTries, 6)));
            return this;
        }
        proofs.clear();
        proofs.addAll(confirmed);
        emit(new RepairEvent.Confirmed(ref.stripe(), gatedIndexes(), since(stepStartedNanos), Instant.now()));
        return deleteBadCopies();
    }

    // --- delete, only with a proof

    private Behavior<Command> deleteBadCopies() {
        for (PlacementProof proof : proofs) {
            Optional<Loss> loss = plan.loss(proof.index());
            if (loss.isEmpty() || loss.get().node().isEmpty() || loss.get().node().equals(proof.node())) {
                continue;
            }
            LossCause cause = loss.get().cause();
            if (cause != LossCause.CORRUPT && cause != LossCause.CROWDED) {
                continue; // nothing left to delete: the node is gone, or never had it
            }
            String node = loss.get().node();
            pendingDeletes.put(proof.index(), node);
            CompletableFuture<Void> d = guard("delete", () -> ports.writer().delete(proof, node, proof.fragment()))
                    .orTimeout(settings.writeTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            getContext().pipeToSelf(d, (ok, failure) -> new DeleteDone(attempt, proof.index(), node,
                    Optional.ofNullable(failure)));
        }
        return pendingDeletes.isEmpty() ? finish() : this;
    }

    private Behavior<Command> onDeleteDone(DeleteDone m) {
        if (pendingDeletes.remove(m.index()) == null) {
            return this;
        }
        if (m.failure().isPresent()) {
            surplusLeft.add("fragment " + m.index() + " on " + m.node() + ": " + unwrap(m.failure().get()));
        } else {
            emit(new RepairEvent.Deleted(ref.stripe(), m.index(), m.node(), Instant.now()));
        }
        return pendingDeletes.isEmpty() ? finish() : this;
    }

    private Behavior<Command> finish() {
        Duration took = since(startedNanos);
        emit(new RepairEvent.Completed(ref.stripe(), bytesMoved, took, Instant.now()));
        replyTo.tell(new Repaired(ref.stripe(), proofs, bytesMoved, took, surplusLeft));
        return Behaviors.stopped();
    }

    private Behavior<Command> poisoned(String reason, List<FragmentProblem> problems) {
        replyTo.tell(new Poisoned(ref.stripe(), reason, problems));
        return Behaviors.stopped();
    }

    // --- plumbing

    private void askCensusToRecord(List<FragmentSlot> slots,
            org.apache.pekko.japi.function.Function2<Census.Recorded, Throwable, Command> adapt) {
        getContext().ask(Census.Recorded.class, ports.census(), settings.censusTimeout(),
                replyTo -> new Census.RecordFragments(ref.stripe(), ref.codec().dataCount(), ref.codec().parityCount(),
                        slots, replyTo), adapt);
    }

    /** A port that throws instead of failing its future is a bug there: it crashes this attempt. */
    private <T> CompletableFuture<T> guard(String step, java.util.function.Supplier<CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture().thenApply(x -> x);
        } catch (RuntimeException e) {
            throw fail(step, "the port threw " + e, e);
        }
    }

    /** Reports the failed attempt, and returns the exception that ends it. */
    private RepairStepFailed fail(String step, String reason, Throwable cause) {
        emit(new RepairEvent.AttemptFailed(ref.stripe(), step, reason, Instant.now()));
        return new RepairStepFailed(ref.stripe(), step, reason, cause);
    }

    private List<Integer> gatedIndexes() {
        return gated.stream().map(f -> f.header().fragmentIndex()).sorted().toList();
    }

    private void emit(RepairEvent event) {
        events.tell(event);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static List<Integer> sorted(List<Integer> xs) {
        return xs.stream().sorted().toList();
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
