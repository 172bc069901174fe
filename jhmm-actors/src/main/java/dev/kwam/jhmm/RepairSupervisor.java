package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.RepairPlanner.StripeState;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
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
 * <p>With a {@code repair.delay} ({@link Settings#repairDelay()}), a removed node's fragments wait for it: the
 * {@link Deferrals} book says which nodes are away and until when, the planner holds back the stripes only they
 * lack (unless a stripe has nothing to spare), and a node back within the delay ({@link NodeReturned}) costs no
 * repair at all.
 */
public final class RepairSupervisor extends AbstractBehavior<RepairSupervisor.Command> {

    public interface Command {
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
     * they come from (node-app's JHMM host names the override's setter, or the configured limits after a
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
            Duration maxBackoff, int maxRestarts, int maxReplans, Duration repairDelay) {
        public Settings {
            if (repairDelay.isNegative()) {
                throw new IllegalArgumentException("repair delay cannot be negative, got " + repairDelay);
            }
        }

        /** Settings that repair at once (no delay). */
        public Settings(AntiAffinity antiAffinity, StripeRepair.Settings repair, Duration minBackoff, Duration maxBackoff,
                int maxRestarts, int maxReplans) {
            this(antiAffinity, repair, minBackoff, maxBackoff, maxRestarts, maxReplans, Duration.ZERO);
        }

        public static Settings defaults(AntiAffinity antiAffinity) {
            return new Settings(antiAffinity, StripeRepair.Settings.DEFAULT, Duration.ofMillis(200),
                    Duration.ofSeconds(10), 5, 3);
        }

        public Settings withRepairDelay(Duration delay) {
            return new Settings(antiAffinity, repair, minBackoff, maxBackoff, maxRestarts, maxReplans, delay);
        }
    }

    /** The stripes a detection touched; {@code goneNode} is the node whose OK slots are to be marked missing. */
    private record Found(String cause, Optional<Fault> fault, Optional<String> goneNode, List<StripeRef> refs,
            Optional<Throwable> failure) implements Command {
    }

    /** What the detection said about one slot: applied to the census as isolation. */
    private record Fault(Cid stripe, int index, String node, SlotState state) {
    }

    private record Looked(String cause, Optional<Fault> fault, Optional<String> goneNode, List<StripeRef> refs,
            Optional<Census.Stripes> stripes, Optional<Throwable> failure, long startedNanos) implements Command {
    }

    private record IsolationRecorded(Cid stripe, List<Integer> fragments, long startedNanos,
            Optional<Throwable> failure) implements Command {
    }

    private record ChildEvent(RepairEvent event) implements Command {
    }

    /** {@code node}'s repair delay ran out. */
    private record DeferralDue(String node) implements Command {
    }

    private record ChildOutcome(StripeRepair.Outcome outcome) implements Command {
    }

    private record Tracked(StripeRef ref, StripeEntry entry, long belowFullSinceMillis) {
    }

    private final RepairPorts ports;
    private final StripeCatalog catalog;
    private final Settings settings;
    private final ActorRef<RepairEvent> childEvents;
    private final ActorRef<StripeRepair.Outcome> childOutcomes;
    private final Deferrals deferrals;
    private Topology topology;

    private final Map<Cid, Tracked> tracked = new HashMap<>();
    private final Map<Cid, Tracked> isolating = new HashMap<>();
    private final Map<Cid, StripePlan> running = new HashMap<>();
    private final Map<ActorRef<?>, Cid> children = new HashMap<>();
    private final Set<Cid> finished = new HashSet<>();
    private final Set<Cid> changedWhileRunning = new HashSet<>();
    private final Map<Cid, Integer> failedRepairs = new HashMap<>();
    private final Map<Cid, RepairStatus.Progress> progress = new HashMap<>();
    private final Map<Cid, RepairStatus.ParkedStripe> parked = new TreeMap<>();
    private final Set<ActorRef<RepairEvent>> subscribers = new HashSet<>();
    private RepairPlan plan = new RepairPlan(List.of());
    private long repaired;
    private long bytesMoved;
    private final RepairRateMeter rate = new RepairRateMeter();

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
        this.deferrals = new Deferrals(settings.repairDelay(), timers, DeferralDue::new, context.getLog());
        this.ports = ports;
        this.catalog = catalog;
        this.topology = topology;
        this.settings = settings;
        this.childEvents = context.messageAdapter(RepairEvent.class, ChildEvent::new);
        this.childOutcomes = context.messageAdapter(StripeRepair.Outcome.class, ChildOutcome::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(NodeRemoved.class, this::onNodeRemoved)
                .onMessage(NodeReturned.class, this::onNodeReturned)
                .onMessage(DeferralDue.class, this::onDeferralDue)
                .onMessage(FragmentFaulty.class, this::onFragmentFaulty)
                .onMessage(Reexamine.class, this::onReexamine)
                .onMessage(UpdateTopology.class, m -> {
                    topology = m.topology();
                    deferrals.live(topology);
                    return replanAndLaunch();
                })
                .onMessage(AdjustBudget.class, m -> {
                    if (m.source().isPresent()) {
                        ports.budget().adjust(m.limits(), m.source().get());
                    } else {
                        ports.budget().adjust(m.limits());
                    }
                    return replanAndLaunch();
                })
                .onMessage(RetryParked.class, this::onRetryParked)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(Subscribe.class, m -> {
                    subscribers.add(m.subscriber());
                    getContext().watch(m.subscriber());
                    return this;
                })
                .onMessage(Unsubscribe.class, m -> {
                    subscribers.remove(m.subscriber());
                    return this;
                })
                .onMessage(Found.class, this::onFound)
                .onMessage(Looked.class, this::onLooked)
                .onMessage(IsolationRecorded.class, this::onIsolationRecorded)
                .onMessage(ChildEvent.class, this::onChildEvent)
                .onMessage(ChildOutcome.class, this::onChildOutcome)
                .onSignal(ChildFailed.class, s -> onChildStopped(s.getRef(), Optional.of(s.cause())))
                .onSignal(Terminated.class, s -> onChildStopped(s.getRef(), Optional.empty()))
                .build();
    }

    // --- detect

    private Behavior<Command> onNodeRemoved(NodeRemoved m) {
        topology = topology.without(NodeId.of(m.node()));
        String cause = "node " + m.node() + " removed from the cluster";
        if (deferrals.enabled()) {
            // Its stripes are looked up and tracked, but its slots are not isolated: the planner holds back what
            // only this node lacks until the delay runs out (onDeferralDue), and reads already skip non-members.
            deferrals.removed(m.node(), "removed from the cluster");
            pipe(catalog.stripesOn(m.node()), refs -> refs, cause, Optional.empty(), Optional.empty());
            return this;
        }
        pipe(catalog.stripesOn(m.node()), refs -> refs, cause, Optional.empty(), Optional.of(m.node()));
        return this;
    }

    private Behavior<Command> onNodeReturned(NodeReturned m) {
        if (!deferrals.isDeferred(m.node())) {
            return this; // a member that joined, or one whose delay already ran out: nothing waits for it
        }
        if (topology.node(NodeId.of(m.node())).isEmpty()) {
            // Ending the deferral now would make its slots plain losses until the topology catches up.
            getContext().getLog().info("JHMM: node {} is back but not yet live in the fleet view; its deferral ends "
                    + "when it is, or its delay runs out", m.node());
            return this;
        }
        deferrals.returned(m.node(), "is back");
        return replanAndLaunch();
    }

    private Behavior<Command> onDeferralDue(DeferralDue m) {
        if (!deferrals.isDeferred(m.node())) {
            return this; // it returned meanwhile
        }
        if (topology.node(NodeId.of(m.node())).isPresent()) {
            deferrals.returned(m.node(), "is a live member again");
            return replanAndLaunch();
        }
        // From here exactly a removal without delay: its stripes are looked up, isolated and planned. The node stays
        // deferred until they are isolated (onLooked), so no replan in between starts one from its unisolated entry.
        String cause = "node " + m.node() + " still away after repair.delay " + deferrals.delay();
        getContext().getLog().info("JHMM: {}: repairing what it held", cause);
        pipe(catalog.stripesOn(m.node()), refs -> refs, cause, Optional.empty(), Optional.of(m.node()));
        return this;
    }

    /** A removal's lookup is done: a node whose delay ran out is from now on an ordinary lost node. True if it was one. */
    private boolean removalHandled(Optional<String> goneNode) {
        return goneNode.map(deferrals::expired).orElse(false);
    }

    private Behavior<Command> onFragmentFaulty(FragmentFaulty m) {
        String cause = m.foundBy() + " found fragment " + m.index() + " on " + m.node() + (m.corrupt() ? " corrupt" : " missing");
        Fault fault = new Fault(m.stripe(), m.index(), m.node(), m.corrupt() ? SlotState.CORRUPT : SlotState.MISSING);
        pipe(catalog.stripe(m.stripe()), ref -> ref.map(List::of).orElse(List.of()), cause, Optional.of(fault),
                Optional.empty());
        return this;
    }

    private Behavior<Command> onReexamine(Reexamine m) {
        for (Cid stripe : m.stripes()) {
            pipe(catalog.stripe(stripe), ref -> ref.map(List::of).orElse(List.of()), "re-examined", Optional.empty(),
                    Optional.empty());
        }
        return this;
    }

    private <T> void pipe(CompletionStage<T> lookup, java.util.function.Function<T, List<StripeRef>> refs, String cause,
            Optional<Fault> fault, Optional<String> goneNode) {
        getContext().pipeToSelf(lookup, (found, failure) -> found == null
                ? new Found(cause, fault, goneNode, List.of(), Optional.of(failure))
                : new Found(cause, fault, goneNode, refs.apply(found), Optional.empty()));
    }

    private Behavior<Command> onFound(Found m) {
        if (m.failure().isPresent()) {
            getContext().getLog().error("JHMM: cannot find the stripes for '{}': {}", m.cause(), m.failure().get());
            // A delay that ran out is over even so: what is tracked is repaired unisolated, the sweep finds the rest.
            return removalHandled(m.goneNode()) ? replanAndLaunch() : this;
        }
        if (m.refs().isEmpty()) {
            return removalHandled(m.goneNode()) ? replanAndLaunch() : this;
        }
        String cause = m.cause();
        Optional<String> gone = m.goneNode();
        long started = System.nanoTime();
        List<Cid> cids = m.refs().stream().map(StripeRef::stripe).toList();
        getContext().ask(Census.Stripes.class, ports.census(), settings.repair().censusTimeout(),
                replyTo -> new Census.LookupStripes(cids, replyTo),
                (found, failure) -> new Looked(cause, m.fault(), gone, m.refs(), Optional.ofNullable(found),
                        Optional.ofNullable(failure), started));
        return this;
    }

    // --- isolate

    private Behavior<Command> onLooked(Looked m) {
        if (m.failure().isPresent()) {
            getContext().getLog().error("JHMM: census lookup for '{}' failed, retrying: {}", m.cause(), m.failure().get());
            getContext().scheduleOnce(settings.minBackoff(), getContext().getSelf(),
                    new Found(m.cause(), m.fault(), m.goneNode(), m.refs(), Optional.empty()));
            return this;
        }
        Map<Cid, StripeEntry> found = m.stripes().orElseThrow().found();
        long now = System.currentTimeMillis();
        // A removal whose delay ran out: its stripes were already announced as detected (and deferred).
        boolean delayRanOut = m.goneNode().map(deferrals::isDeferred).orElse(false);
        // Never isolate a node that is live again (it came back while this lookup ran).
        boolean goneNodeAway = m.goneNode().map(n -> topology.node(NodeId.of(n)).isEmpty()).orElse(false);
        for (StripeRef ref : m.refs()) {
            StripeEntry entry = found.getOrDefault(ref.stripe(), new StripeEntry(ref.stripe(), ref.codec().dataCount(),
                    ref.codec().parityCount(), List.of()));
            deferrals.meet(entry, topology);
            List<FragmentSlot> marks = new ArrayList<>();
            for (FragmentSlot slot : entry.slots()) {
                boolean onGoneNode = goneNodeAway && m.goneNode().map(n -> n.equals(slot.node())).orElse(false)
                        && slot.state() == SlotState.OK;
                boolean faulty = m.fault().map(f -> f.stripe().equals(ref.stripe()) && f.index() == slot.index()
                        && f.node().equals(slot.node())).orElse(false);
                if (onGoneNode) {
                    marks.add(new FragmentSlot(slot.index(), slot.fragment(), slot.node(), SlotState.MISSING));
                } else if (faulty) {
                    marks.add(new FragmentSlot(slot.index(), slot.fragment(), slot.node(), m.fault().get().state()));
                }
            }
            if (!marks.isEmpty()) {
                entry = merge(entry, marks);
            }
            Tracked before = tracked.get(ref.stripe());
            long since = before != null ? before.belowFullSinceMillis() : now;
            Tracked t = new Tracked(ref, entry, since);
            boolean external = m.fault().isPresent() || m.goneNode().isPresent();
            boolean belowFull = RepairPlanner.planStripe(new StripeState(ref, entry, since), topology,
                    settings.antiAffinity()).isPresent();
            if (belowFull && (external || before == null) && !(delayRanOut && deferrals.announced(ref.stripe()))) {
                publish(new RepairEvent.Detected(ref.stripe(), m.cause(), Instant.now()));
            }
            if (marks.isEmpty()) {
                track(t);
            } else {
                // Plan only once the census shows the fragments quarantined: isolate, then plan.
                isolating.put(ref.stripe(), t);
                List<Integer> indexes = marks.stream().map(FragmentSlot::index).toList();
                List<FragmentSlot> slots = List.copyOf(marks);
                long started = m.startedNanos();
                getContext().ask(Census.Recorded.class, ports.census(), settings.repair().censusTimeout(),
                        replyTo -> new Census.RecordFragments(ref.stripe(), ref.codec().dataCount(),
                                ref.codec().parityCount(), slots, replyTo),
                        (ok, failure) -> new IsolationRecorded(ref.stripe(), indexes, started, Optional.ofNullable(failure)));
            }
        }
        removalHandled(m.goneNode());
        return replanAndLaunch();
    }

    private Behavior<Command> onIsolationRecorded(IsolationRecorded m) {
        if (m.failure().isPresent()) {
            // The repair goes ahead (it does not need the mark), but reads may still try the fragment: say so.
            getContext().getLog().error("JHMM: could not quarantine fragments {} of {} in the census: {}", m.fragments(),
                    m.stripe(), m.failure().get());
        } else {
            publish(new RepairEvent.Isolated(m.stripe(), m.fragments(),
                    Duration.ofNanos(System.nanoTime() - m.startedNanos()), Instant.now()));
        }
        Tracked t = isolating.remove(m.stripe());
        if (t != null) {
            track(t);
        }
        // One detection isolates many stripes at once: plan them together, so the riskiest starts first
        // rather than whichever stripe the census answered for first.
        return isolating.isEmpty() ? replanAndLaunch() : this;
    }

    private void track(Tracked t) {
        tracked.put(t.ref().stripe(), t);
        if (running.containsKey(t.ref().stripe())) {
            changedWhileRunning.add(t.ref().stripe());
        }
    }

    // --- plan and run

    private Behavior<Command> replanAndLaunch() {
        List<StripeState> states = new ArrayList<>();
        tracked.forEach((cid, t) -> {
            if (!parked.containsKey(cid)) {
                states.add(new StripeState(t.ref(), t.entry(), t.belowFullSinceMillis()));
            }
        });
        plan = RepairPlanner.plan(states, running.values(), topology, settings.antiAffinity(), deferrals.view());
        Set<Cid> planned = new HashSet<>();
        plan.stripes().forEach(p -> planned.add(p.stripe()));
        tracked.keySet().removeIf(cid -> !planned.contains(cid) && !running.containsKey(cid) && !parked.containsKey(cid));
        deferrals.announce(plan, this::publish);
        for (StripePlan p : plan.stripes()) {
            if (running.containsKey(p.stripe()) || p.deferred()) {
                continue;
            }
            if (isolating.containsKey(p.stripe())) {
                continue; // isolate, then plan: it starts from the census entry its isolation produces
            }
            if (!p.rebuildable()) {
                park(p.stripe(), "poisoned: only " + p.survivors().size() + " fragment(s) of " + p.codec()
                        + " survive, too few to rebuild any");
                continue;
            }
            if (p.targets().isEmpty()) {
                continue; // every lost fragment is unplaced: waits for membership to grow
            }
            if (!ports.budget().tryStartStripe()) {
                break; // the budget is full; the riskiest of the rest start first when a slot frees
            }
            launch(p);
        }
        return this;
    }

    private void launch(StripePlan p) {
        Tracked t = tracked.get(p.stripe());
        running.put(p.stripe(), p);
        finished.remove(p.stripe());
        progress.put(p.stripe(), new RepairStatus.Progress(p.stripe(), "planned", 0, 0, Instant.now()));
        rate.started(p.stripe(), System.nanoTime(), Instant.now());
        publish(new RepairEvent.Planned(p.stripe(), p.targets(), p.spare(), Instant.now()));
        Behavior<StripeRepair.Command> repair = Behaviors.supervise(
                        StripeRepair.create(t.ref(), p, ports, settings.repair(), childEvents, childOutcomes))
                .onFailure(StripeRepair.RepairStepFailed.class, SupervisorStrategy
                        .restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), 0.2)
                        .withMaxRestarts(settings.maxRestarts())
                        // A failed attempt is an expected event (a target died mid-write), reported as AttemptFailed:
                        // a warning, not an error with a stack trace per restart.
                        .withLogLevel(org.slf4j.event.Level.WARN));
        ActorRef<StripeRepair.Command> child = getContext().spawnAnonymous(repair);
        getContext().watch(child);
        children.put(child, p.stripe());
    }

    private Behavior<Command> onChildEvent(ChildEvent m) {
        RepairEvent e = m.event();
        RepairStatus.Progress before = progress.get(e.stripe());
        if (before != null) {
            int failed = before.failedAttempts() + (e instanceof RepairEvent.AttemptFailed ? 1 : 0);
            long bytes = e instanceof RepairEvent.Completed ? before.bytes() : before.bytes() + e.bytes();
            progress.put(e.stripe(), new RepairStatus.Progress(e.stripe(), e.step(), bytes, failed, before.since()));
        }
        if (e instanceof RepairEvent.Written w) {
            rate.written(w.stripe(), w.fragment(), w.bytes());
        }
        publish(e);
        return this;
    }

    private Behavior<Command> onChildOutcome(ChildOutcome m) {
        StripeRepair.Outcome outcome = m.outcome();
        finished.add(outcome.stripe());
        if (outcome instanceof StripeRepair.Repaired r) {
            repaired++;
            bytesMoved += r.bytes();
            rate.completed(r.stripe(), System.nanoTime(), Instant.now(), r.bytes());
            failedRepairs.remove(r.stripe());
            r.surplusLeft().forEach(s -> getContext().getLog().warn("JHMM: {}: bad copy left in place: {}", r.stripe(), s));
        } else if (outcome instanceof StripeRepair.Poisoned p) {
            park(p.stripe(), "poisoned: " + p.reason());
        }
        return this;
    }

    private Behavior<Command> onChildStopped(ActorRef<?> ref, Optional<Throwable> failure) {
        subscribers.remove(ref);
        Cid stripe = children.remove(ref);
        if (stripe == null) {
            return this;
        }
        running.remove(stripe);
        progress.remove(stripe);
        rate.abandoned(stripe); // a no-op after a completion, which already took it into the measurement
        ports.budget().stripeFinished();
        Tracked t = tracked.get(stripe);
        boolean reported = finished.remove(stripe);
        if (!reported) {
            int failures = failedRepairs.merge(stripe, 1, Integer::sum);
            String why = failure.map(Throwable::getMessage).orElse("stopped without an outcome");
            if (failures >= settings.maxReplans()) {
                park(stripe, "repair failed " + failures + " time(s), " + settings.maxRestarts()
                        + " restarts each; last: " + why);
            } else {
                getContext().getLog().warn("JHMM: repair of {} gave up ({}), replanning from the census", stripe, why);
                changedWhileRunning.add(stripe);
            }
        } else if (!parked.containsKey(stripe)) {
            changedWhileRunning.add(stripe); // read the census again: unplaced or newly lost fragments
        }
        if (t != null && changedWhileRunning.remove(stripe) && !parked.containsKey(stripe)) {
            tracked.remove(stripe);
            getContext().getSelf().tell(new Found("re-examined after repair", Optional.empty(), Optional.empty(),
                    List.of(t.ref()), Optional.empty()));
        }
        return replanAndLaunch();
    }

    private void park(Cid stripe, String reason) {
        if (parked.containsKey(stripe)) {
            return;
        }
        parked.put(stripe, new RepairStatus.ParkedStripe(stripe, reason, Instant.now()));
        publish(new RepairEvent.Parked(stripe, reason, Instant.now()));
    }

    private Behavior<Command> onRetryParked(RetryParked m) {
        if (parked.remove(m.stripe()) != null) {
            failedRepairs.remove(m.stripe());
            Tracked t = tracked.remove(m.stripe());
            if (t != null) {
                getContext().getSelf().tell(new Found("retried by the operator", Optional.empty(), Optional.empty(),
                        List.of(t.ref()), Optional.empty()));
            }
        }
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus m) {
        List<RepairStatus.Progress> now = new ArrayList<>();
        for (StripePlan p : plan.stripes()) {
            RepairStatus.Progress pr = progress.get(p.stripe());
            if (pr != null) {
                now.add(pr);
            }
        }
        m.replyTo().tell(new RepairStatus(plan, now, new ArrayList<>(parked.values()), repaired, bytesMoved,
                ports.budget().limits(), Instant.now(), ports.budget().source(), rate.measure()));
        return this;
    }

    private void publish(RepairEvent event) {
        for (ActorRef<RepairEvent> s : subscribers) {
            s.tell(event);
        }
    }

    private static StripeEntry merge(StripeEntry entry, List<FragmentSlot> marks) {
        Map<Integer, FragmentSlot> slots = new LinkedHashMap<>();
        entry.slots().forEach(s -> slots.put(s.index(), s));
        marks.forEach(s -> slots.put(s.index(), s));
        List<FragmentSlot> merged = new ArrayList<>(slots.values());
        merged.sort(java.util.Comparator.comparingInt(FragmentSlot::index));
        return new StripeEntry(entry.stripe(), entry.k(), entry.m(), merged);
    }
}
