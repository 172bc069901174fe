package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The JHMM: receives detections (a node removed, a fragment found corrupt or missing by a scrub or a
 * read), isolates the fragments in the census, plans every affected stripe ({@link RepairPlanner}, riskiest
 * first) and runs one {@link StripeRepair} per stripe under restart-with-backoff supervision, never more at
 * once than the {@link RepairBudget} allows. A poisoned stripe is parked and reported; the others go on.
 *
 * <p>The plan and its progress are data ({@link GetStatus}); every step is a {@link RepairEvent} to the
 * subscribers. One stripe has at most one repair at a time, and a stripe that changes while it is being
 * repaired is looked up again afterwards, so no fragment is planned twice.
 *
 * <p>This class is the protocol and the switchboard; the work is in {@link Isolation} (detect, isolate),
 * {@link RepairScheduler} (plan, start repairs), {@link RunningBook} (repairs in flight, parked stripes, totals)
 * and {@link RepairEventFeed} (subscribers).
 *
 * <p>With a {@code repair.delay} ({@link Settings#repairDelay()}), a removed node's fragments wait for it: the
 * {@link Deferrals} book says which nodes are away and until when, the planner holds back the stripes only they
 * lack (unless a stripe has nothing to spare), and a node back within the delay ({@link NodeReturned}) costs no
 * repair at all.
 */
public final class RepairSupervisor extends AbstractBehavior<RepairSupervisor.Command> {

    /**
     * What the JHMM is told from outside: detections, membership, budget, status and event subscriptions. Each may
     * also be sent to the {@link JhmmHost}, which passes it on.
     */
    public sealed interface Command extends JhmmHost.Command permits NodeRemoved, NodeReturned, FragmentFaulty, Reexamine,
            UpdateTopology, AdjustBudget, RetryParked, GetStatus, Subscribe, Unsubscribe, InternalCommand {
    }

    /** Replies and timers the JHMM sends itself; made only inside this package, never sent between nodes. */
    sealed interface InternalCommand extends Command permits Isolation.Found, Isolation.Looked,
            Isolation.IsolationRecorded, Isolation.DeferralDue, RunningBook.ChildEvent, RunningBook.ChildOutcome {
    }

    /**
     * Membership says {@code node} is gone (downed, removed): its fragments are lost — at once, or after
     * {@link Settings#repairDelay()} if it has not come back by then.
     */
    public record NodeRemoved(String node) implements Command, KwamSerializable {
    }

    /**
     * A member named {@code node} is Up again: if its removal is still deferred, nothing is repaired on its account.
     * Send it after an {@link UpdateTopology} that has the node live: the JHMM ends a deferral only for a node it can
     * see live (otherwise it waits for the topology, or for the delay).
     */
    public record NodeReturned(String node) implements Command, KwamSerializable {
    }

    /**
     * A scrub or a read found fragment {@code index} of {@code stripe} on {@code node} corrupt (or missing).
     * {@code foundBy} says who: {@code scrub}, {@code read}, ….
     */
    public record FragmentFaulty(Cid stripe, int index, String node, boolean corrupt, String foundBy)
            implements Command, KwamSerializable {
    }

    /** Looks these stripes up in the census and repairs whatever is below full redundancy (a restart resumes so). */
    public record Reexamine(List<Cid> stripes) implements Command, KwamSerializable {
        public Reexamine {
            stripes = List.copyOf(stripes);
        }
    }

    /** The live membership changed (a node joined, or its labels). Local: topologies are not sent between nodes. */
    public record UpdateTopology(Topology topology) implements Command {
    }

    /**
     * New repair limits, effective for the next stripe and the next bytes asked for. {@code source} says where
     * they come from ({@link JhmmHost} names the override's setter, or the configured limits after a
     * reset); without one they are reported as an override by an unnamed caller.
     */
    public record AdjustBudget(RepairBudget.Limits limits, Optional<BudgetSource> source) implements Command, KwamSerializable {
        public AdjustBudget(RepairBudget.Limits limits) {
            this(limits, Optional.empty());
        }
    }

    /** Puts a parked stripe back into the plan (after an operator fixed what poisoned it). */
    public record RetryParked(Cid stripe) implements Command, KwamSerializable {
    }

    public record GetStatus(ActorRef<RepairStatus> replyTo) implements Command, KwamSerializable {
    }

    public record Subscribe(ActorRef<RepairEvent> subscriber) implements Command, KwamSerializable {
    }

    public record Unsubscribe(ActorRef<RepairEvent> subscriber) implements Command, KwamSerializable {
    }

    /**
     * @param antiAffinity  the fault-domain levels targets are spread over (the policy's {@code anti_affinity})
     * @param repair        each stripe repair's timeouts and retries
     * @param minBackoff    first restart delay of a failed repair attempt; doubles up to {@code maxBackoff}
     * @param maxRestarts   restarts of one repair before the stripe is replanned from a fresh census read
     * @param maxReplans    replans of a stripe whose repairs keep failing before it is parked
     * @param repairDelay   how long a removed node may stay away before what only it lacks is rebuilt (the
     *                      policy's {@code repair.delay}); zero repairs at once
     */
    public record Settings(AntiAffinity antiAffinity, StripeRepair.Settings repair, Duration minBackoff,
            Duration maxBackoff, int maxRestarts, int maxReplans, Duration repairDelay, Predicate<String> repairTarget) {
        public Settings {
            if (repairDelay.isNegative()) {
                throw new IllegalArgumentException("repair delay cannot be negative, got " + repairDelay);
            }
        }

        /** Settings that repair at once (no delay). */
        public Settings(AntiAffinity antiAffinity, StripeRepair.Settings repair, Duration minBackoff, Duration maxBackoff,
                int maxRestarts, int maxReplans) {
            this(antiAffinity, repair, minBackoff, maxBackoff, maxRestarts, maxReplans, Duration.ZERO, node -> true);
        }

        public static Settings defaults(AntiAffinity antiAffinity) {
            return new Settings(antiAffinity, StripeRepair.Settings.DEFAULT, Duration.ofMillis(200),
                    Duration.ofSeconds(10), 5, 3);
        }

        public Settings withRepairDelay(Duration delay) {
            return new Settings(antiAffinity, repair, minBackoff, maxBackoff, maxRestarts, maxReplans, delay, repairTarget);
        }

        /** Rebuilt fragments go only to nodes {@code target} accepts (by node name); the default accepts every live node. */
        public Settings withRepairTargets(Predicate<String> target) {
            return new Settings(antiAffinity, repair, minBackoff, maxBackoff, maxRestarts, maxReplans, repairDelay, target);
        }
    }

    private final RepairPorts ports;
    private final Deferrals deferrals;
    private final TrackedStripes tracked = new TrackedStripes();
    private final RepairEventFeed feed;
    private final RunningBook book;
    private final RepairScheduler scheduler;
    private final Isolation isolation;

    public static Behavior<Command> create(RepairPorts ports, StripeCatalog catalog, Topology topology,
            Settings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new RepairSupervisor(context, timers, ports, catalog, topology, settings)));
    }

    /** The {@code kwam.codec-dispatcher} of {@code system}: where rebuilds run, never on the actors' threads. */
    public static Executor codecExecutor(ActorSystem<?> system) {
        return system.dispatchers().lookup(DispatcherSelector.fromConfig("kwam.codec-dispatcher"));
    }

    private RepairSupervisor(ActorContext<Command> context, TimerScheduler<Command> timers, RepairPorts ports,
            StripeCatalog catalog, Topology topology, Settings settings) {
        super(context);
        this.ports = ports;
        Deferrals deferrals = new Deferrals(settings.repairDelay(), timers, Isolation.DeferralDue::new, context.getLog());
        this.feed = new RepairEventFeed(context);
        this.book = new RunningBook(settings, ports.budget(), feed, context.getLog());
        this.scheduler = new RepairScheduler(context, ports, settings, topology, deferrals, tracked, book, feed);
        this.isolation = new Isolation(context, ports, catalog, settings, deferrals, tracked, book, scheduler, feed);
        this.deferrals = deferrals;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(NodeRemoved.class, m -> done(() -> isolation.nodeRemoved(m)))
                .onMessage(NodeReturned.class, m -> done(() -> isolation.nodeReturned(m)))
                .onMessage(Isolation.DeferralDue.class, m -> done(() -> isolation.deferralDue(m)))
                .onMessage(FragmentFaulty.class, m -> done(() -> isolation.fragmentFaulty(m)))
                .onMessage(Reexamine.class, m -> done(() -> isolation.reexamine(m)))
                .onMessage(Isolation.Found.class, m -> done(() -> isolation.found(m)))
                .onMessage(Isolation.Looked.class, m -> done(() -> isolation.looked(m)))
                .onMessage(Isolation.IsolationRecorded.class, m -> done(() -> isolation.isolationRecorded(m)))
                .onMessage(UpdateTopology.class, m -> done(() -> {
                    scheduler.topology(m.topology());
                    deferrals.live(m.topology());
                    scheduler.replanAndLaunch();
                }))
                .onMessage(AdjustBudget.class, m -> done(() -> {
                    if (m.source().isPresent()) {
                        ports.budget().adjust(m.limits(), m.source().get());
                    } else {
                        ports.budget().adjust(m.limits());
                    }
                    scheduler.replanAndLaunch();
                }))
                .onMessage(RetryParked.class, m -> done(() -> {
                    if (book.unpark(m.stripe())) {
                        tracked.remove(m.stripe()).ifPresent(t -> isolation.lookAgain(t.ref(), "retried by the operator"));
                    }
                }))
                .onMessage(GetStatus.class, m -> done(() -> m.replyTo().tell(book.status(scheduler.plan()))))
                .onMessage(Subscribe.class, m -> done(() -> feed.subscribe(m.subscriber())))
                .onMessage(Unsubscribe.class, m -> done(() -> feed.unsubscribe(m.subscriber())))
                .onMessage(RunningBook.ChildEvent.class, m -> done(() -> {
                    book.onEvent(m.event());
                    feed.publish(m.event());
                }))
                .onMessage(RunningBook.ChildOutcome.class, m -> done(() -> book.onOutcome(m.outcome())))
                .onSignal(ChildFailed.class, s -> done(() -> stopped(s.getRef(), Optional.of(s.cause()))))
                .onSignal(Terminated.class, s -> done(() -> stopped(s.getRef(), Optional.empty())))
                .build();
    }

    /** The supervisor never changes behaviour: its state is in its parts. */
    private Behavior<Command> done(Runnable handler) {
        handler.run();
        return this;
    }

    /** A subscriber or a repair stopped; a repair's stripe whose census entry changed meanwhile is read again. */
    private void stopped(ActorRef<?> ref, Optional<Throwable> failure) {
        feed.stopped(ref);
        Optional<Cid> stripe = book.stopped(ref, failure);
        if (stripe.isEmpty()) {
            return;
        }
        Cid cid = stripe.get();
        tracked.get(cid).ifPresent(t -> {
            if (book.takeChanged(cid) && !book.isParked(cid)) {
                tracked.remove(cid);
                isolation.lookAgain(t.ref(), "re-examined after repair");
            }
        });
        scheduler.replanAndLaunch();
    }
}
