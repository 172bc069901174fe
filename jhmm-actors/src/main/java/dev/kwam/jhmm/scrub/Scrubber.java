package dev.kwam.jhmm.scrub;

import dev.kwam.codec.Cid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Re-hashes every fragment this node stores, one pass per {@code interval} (start to start), at most
 * {@code bytesPerSecond}: the work runs in small batches on the blocking-I/O dispatcher and the next batch
 * waits until the pass is back under its rate, so a scrub never holds a thread for long nor crowds out
 * reads. A fragment that fails its hash is quarantined by the store ({@link ScrubbedStore#scrub}) and
 * reported as a {@link FragmentFinding} (to the JHMM, by the caller). The intact fragments of each batch go
 * on to {@code surplus} (node-app's collector), which removes the copies proven held elsewhere. After each pass,
 * {@code audit} (node-app's) reports what the census places here and the store lacks.
 */
public final class Scrubber {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scrubber.class);
    /** Files per batch; a batch also ends after a tenth of a second's worth of bytes at the rate. */
    static final int BATCH_FILES = 64;
    /** The first pass after start waits at most this long: a node restarted daily still gets scrubbed. */
    static final Duration FIRST_PASS_AT_MOST = Duration.ofMinutes(10);

    public sealed interface Command permits StartPass, Batched, Resume, Audited {
    }

    /** The audit after a pass: how many fragments the census places here were missing from the store. */
    private record Audited(int missing, Optional<Throwable> failure) implements Command {
    }

    /** The pause after a batch is over: scrub on after {@code last}. */
    private record Resume(Optional<Cid> last) implements Command {
    }

    private enum StartPass implements Command {
        INSTANCE
    }

    private record Batched(Optional<Cid> last, long files, long bytes, List<FragmentFinding> findings, int surplusRemoved,
            boolean end, long nanos, Optional<Throwable> failure) implements Command {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ScrubbedStore store;
    private final Executor io;
    private final Duration interval;
    private final long bytesPerSecond;
    private final Consumer<FragmentFinding> report;
    private final ToIntFunction<List<Cid>> surplus;
    private final Supplier<CompletionStage<Integer>> audit;
    private long passStarted;
    private long files;
    private long bytes;
    private int quarantined;
    private int surplusRemoved;

    private Scrubber(ActorContext<Command> context, TimerScheduler<Command> timers, ScrubbedStore store, Executor io,
            Duration interval, long bytesPerSecond, Consumer<FragmentFinding> report, ToIntFunction<List<Cid>> surplus,
            Supplier<CompletionStage<Integer>> audit) {
        this.context = context;
        this.timers = timers;
        this.store = store;
        this.io = io;
        this.interval = interval;
        this.bytesPerSecond = bytesPerSecond;
        this.report = report;
        this.surplus = surplus;
        this.audit = audit;
    }

    /**
     * @param surplus given each batch's intact fragments, removes the proven surplus copies among them and
     *                answers how many it removed ({@code f -> 0} for none)
     * @param audit   after each pass: reports the fragments the census places here that the store lacks, answers
     *                how many
     */
    public static Behavior<Command> create(ScrubbedStore store, Executor io, Duration interval, long bytesPerSecond,
            Consumer<FragmentFinding> report, ToIntFunction<List<Cid>> surplus, Supplier<CompletionStage<Integer>> audit) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            Duration first = interval.compareTo(FIRST_PASS_AT_MOST) < 0 ? interval : FIRST_PASS_AT_MOST;
            timers.startSingleTimer(StartPass.INSTANCE, first);
            context.getLog().info("scrubber: a pass every {} at up to {} B/s, the first in {}", interval, bytesPerSecond, first);
            return new Scrubber(context, timers, store, io, interval, bytesPerSecond, report, surplus, audit).idle();
        }));
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Audited.class, this::onAudited)
                .onMessage(StartPass.class, m -> {
                    passStarted = System.nanoTime();
                    files = 0;
                    bytes = 0;
                    quarantined = 0;
                    surplusRemoved = 0;
                    batch(Optional.empty());
                    return scrubbing();
                })
                .build();
    }

    private Behavior<Command> scrubbing() {
        return Behaviors.receive(Command.class)
                .onMessage(Audited.class, this::onAudited)
                .onMessage(Batched.class, this::onBatched)
                .onMessage(Resume.class, r -> {
                    batch(r.last());
                    return Behaviors.same();
                })
                .onMessage(StartPass.class, m -> Behaviors.same()) // a pass is running: the timer's next tick waits for it
                .build();
    }

    private Behavior<Command> onBatched(Batched b) {
        files += b.files();
        bytes += b.bytes();
        quarantined += b.findings().size();
        surplusRemoved += b.surplusRemoved();
        b.findings().forEach(report);
        if (b.failure().isPresent()) {
            context.getLog().error("scrubber: the store could not be read; this pass ends here, the next one starts on time: {}", b.failure().get().toString());
        }
        if (!b.end()) {
            // Paced: a batch of B bytes is followed by a pause that brings the pass back to the rate.
            long owedNanos = (long) (b.bytes() * 1e9 / bytesPerSecond) - b.nanos();
            if (owedNanos <= 0) {
                batch(b.last());
            } else {
                context.scheduleOnce(Duration.ofNanos(owedNanos), context.getSelf(), new Resume(b.last()));
            }
            return Behaviors.same();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - passStarted);
        context.getLog().info("scrubber: pass done: {} fragment(s), {} bytes re-hashed, {} corrupt and quarantined, "
                + "{} surplus cop(ies) removed, in {}", files, bytes, quarantined, surplusRemoved, took);
        Duration wait = interval.minus(took);
        timers.startSingleTimer(StartPass.INSTANCE, wait.isNegative() ? Duration.ZERO : wait);
        context.pipeToSelf(audit.get(), (missing, failure) -> new Audited(missing == null ? 0 : missing,
                Optional.ofNullable(failure)));
        return idle();
    }

    private Behavior<Command> onAudited(Audited a) {
        if (a.failure().isPresent()) {
            context.getLog().warn("scrubber: the census could not be compared with the store after this pass: {}",
                    a.failure().get().toString());
        } else if (a.missing() > 0) {
            context.getLog().warn("scrubber: {} fragment(s) the census places on this node are not in its store: reported missing",
                    a.missing());
        }
        return Behaviors.same();
    }

    private void batch(Optional<Cid> after) {
        long budget = Math.max(1L << 20, bytesPerSecond / 10);
        context.pipeToSelf(CompletableFuture.supplyAsync(() -> scrubBatch(after, budget), io),
                (done, failure) -> done != null ? done
                        : new Batched(after, 0, 0, List.of(), 0, true, 0, Optional.of(failure)));
    }

    private Batched scrubBatch(Optional<Cid> after, long budget) {
        long started = System.nanoTime();
        long n = 0;
        long read = 0;
        List<FragmentFinding> findings = new ArrayList<>();
        List<Cid> intactCids = new ArrayList<>();
        Optional<Cid> last = after;
        boolean end = false;
        try (Stream<Cid> cids = store.fragments(after)) {
            Iterator<Cid> it = cids.iterator();
            while (n < BATCH_FILES && read < budget) {
                if (!it.hasNext()) {
                    end = true;
                    break;
                }
                Cid cid = it.next();
                last = Optional.of(cid);
                n++;
                ScrubbedStore.Scrubbed result = store.scrub(cid);
                if (result instanceof ScrubbedStore.Intact intact) {
                    read += intact.bytes();
                    intactCids.add(cid);
                } else if (result instanceof ScrubbedStore.Quarantined q) {
                    read += q.bytes();
                    LOG.warn("scrubber: fragment {} failed its hash check and was quarantined: {}", cid, q.reason());
                    findings.add(q.finding());
                } else if (result instanceof ScrubbedStore.Unreadable u) {
                    LOG.error("scrubber: {} could not be scrubbed: {}", cid, u.reason());
                }
            }
        }
        int removed = intactCids.isEmpty() ? 0 : surplus.applyAsInt(intactCids);
        return new Batched(last, n, read, findings, removed, end, System.nanoTime() - started, Optional.empty());
    }
}
