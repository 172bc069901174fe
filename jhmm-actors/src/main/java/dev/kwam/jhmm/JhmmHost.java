package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.FleetRiskAssessor;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.census.CensusSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The JHMM as it runs inside the cluster singleton: the {@link RepairSupervisor} plus what feeds it on
 * the hosting node — membership ({@code MemberRemoved} after the Split Brain Resolver downed a node
 * becomes {@code NodeRemoved}; a member Up again under a removed node's name becomes {@code NodeReturned},
 * which ends a {@code repair.delay} deferral; every change becomes the live topology), the census sweep that
 * re-examines every stripe below full redundancy when the singleton starts (so a restart or a move to
 * another node resumes the plan) and then every {@code sweepInterval}, and the repair budget operators
 * set at run time, kept in Distributed Data by a {@link BudgetKeeper} so it survives the move.
 *
 * <p>On start the host first reads the stored budget (bounded by a timeout), then the fleet, and only then
 * spawns the supervisor. Commands arriving before that are stashed: the supervisor must never plan against
 * an empty topology (every fragment would look lost).
 */
public final class JhmmHost {
    /**
     * What the JHMM's singleton accepts from any node: every {@link RepairSupervisor.Command} (passed on to the
     * supervisor), a budget change, and a risk question.
     */
    public sealed interface Command permits RepairSupervisor.Command, ChangeBudget, AssessRisk, SweepNow, InternalCommand {
    }

    /**
     * Sweep the census now instead of at the next interval: the fleet changed in a way no membership event tells
     * (node-app: a node marked draining, whose fragments must move although it stays Up). Kryo id 1375.
     */
    public record SweepNow(String reason) implements Command, KwamSerializable {
    }

    /**
     * Risk as a number: the host gathers the live inputs and answers with {@link FleetRisk} (docs/jhmm.md). Sent
     * through the singleton's proxy from any node, so it and its answer cross nodes (Kryo ids 1570, 1571).
     */
    public record AssessRisk(ActorRef<RiskAnswer> replyTo) implements Command, KwamSerializable {
    }

    /** The report, or why it could not be made (a census or status question that failed); exactly one is present. */
    public record RiskAnswer(Optional<FleetRisk> risk, Optional<String> failure) implements KwamSerializable {
        public RiskAnswer {
            if (risk.isPresent() == failure.isPresent()) {
                throw new IllegalArgumentException("a risk answer holds either the report or the failure");
            }
        }
    }

    /**
     * Sets or resets the cluster-wide repair budget; sent by any node to the singleton. Answered once the
     * new budget is stored (and applied), or refused.
     */
    public record ChangeBudget(BudgetChange change, ActorRef<BudgetChanged> replyTo) implements Command, KwamSerializable {
    }

    /**
     * The answer to {@link ChangeBudget}.
     *
     * @param replicated true when a majority of members stored it within the write timeout; false when only the
     *                   host's replica holds it yet (gossip carries it on)
     * @param refusals   why the change was refused (bad values); empty when it was applied
     * @param failure    the change was valid but could not be stored
     */
    public record BudgetChanged(boolean replicated, List<String> refusals, Optional<String> failure) implements KwamSerializable {
        public BudgetChanged {
            refusals = List.copyOf(refusals);
        }

        static BudgetChanged stored(boolean replicated) {
            return new BudgetChanged(replicated, List.of(), Optional.empty());
        }

        static BudgetChanged refused(List<String> refusals) {
            return new BudgetChanged(false, refusals, Optional.empty());
        }

        static BudgetChanged failed(String why) {
            return new BudgetChanged(false, List.of(), Optional.of(why));
        }

        public boolean applied() {
            return refusals.isEmpty() && failure.isEmpty();
        }
    }

    /** What the host tells itself: its keeper's, the cluster's and its own futures' answers, and its timers. */
    private sealed interface InternalCommand extends Command permits BudgetInForce, FleetRead, MembershipChanged,
            ReachabilityChanged, SweepStart, SweepFound, Sweep, RetryFleet {
    }

    /** The keeper says which limits are in force. */
    private record BudgetInForce(BudgetKeeper.InForce inForce) implements InternalCommand {
    }

    /**
     * The fleet as the hosting node sees it, after a membership change ({@code removed}: who left; {@code up}: who
     * is Up, perhaps back from a removal).
     */
    private record FleetRead(Answer<Fleet> fleet, Optional<String> removed, Optional<String> up) implements InternalCommand {
    }

    private record MembershipChanged(ClusterEvent.MemberEvent event) implements InternalCommand {
    }

    private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements InternalCommand {
    }

    private record SweepStart(Fleet fleet) implements InternalCommand {
    }

    private record SweepFound(Answer<List<Cid>> stripes) implements InternalCommand {
    }

    private enum Sweep implements InternalCommand {
        INSTANCE
    }

    private enum RetryFleet implements InternalCommand {
        INSTANCE
    }

    private static final int STASH = 10_000;
    private static final Duration FLEET_RETRY = Duration.ofSeconds(1);
    /** The supervisor is a local child: its status comes at once unless the host is overloaded. */
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param ports         the repair ports, without their budget (one is made here: the cluster-wide one)
     * @param catalog       the stripes a detection touches
     * @param sweep         the stripes below full redundancy, for the start-up and periodic sweeps
     * @param fleet         the fleet as the hosting node sees it now
     * @param memberName    the KWAM node name a cluster member carries, if any
     * @param antiAffinity  the configured levels; empty derives them from the fleet as writes do
     * @param budget        the configured limits and where they come from; a stored override replaces them
     * @param ddata         the census's Distributed Data timeouts, which the stored budget's reads and writes share
     * @param repairDelay   how long a removed node may stay away before what only it held is rebuilt (0: at once)
     * @param repairTarget  whether a node (by name) may be sent rebuilt fragments; node-app: its grants hold repair
     */
    public record Wiring(Function<RepairBudget, RepairPorts> ports, StripeCatalog catalog, CensusSweep sweep,
            Supplier<CompletionStage<Fleet>> fleet, Function<Member, Optional<String>> memberName,
            List<String> antiAffinity, BudgetSource budget, CensusSettings ddata, Duration sweepInterval,
            Duration repairDelay, Predicate<String> repairTarget) {
    }

    private final ActorContext<Command> context;
    private final StashBuffer<Command> stash;
    private final TimerScheduler<Command> timers;
    private final Wiring wiring;
    private final FleetRiskAssessor risk;
    private final ActorRef<BudgetKeeper.Command> keeper;

    private JhmmHost(ActorContext<Command> context, StashBuffer<Command> stash, TimerScheduler<Command> timers,
            Wiring wiring, FleetRiskAssessor risk) {
        this.context = context;
        this.stash = stash;
        this.timers = timers;
        this.wiring = wiring;
        this.risk = risk;
        Cluster cluster = Cluster.get(context.getSystem());
        cluster.subscriptions().tell(Subscribe.create(
                context.messageAdapter(ClusterEvent.MemberEvent.class, MembershipChanged::new), ClusterEvent.MemberEvent.class));
        cluster.subscriptions().tell(Subscribe.create(
                context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
                ClusterEvent.ReachabilityEvent.class));
        // The fleet is read once the budget is known (the keeper answers within its read timeout).
        this.keeper = context.spawn(BudgetKeeper.create(BudgetKeeper.Settings.of(wiring.budget(), wiring.ddata()),
                context.messageAdapter(BudgetKeeper.InForce.class, BudgetInForce::new)), "budget-keeper");
    }

    public static Behavior<Command> create(Wiring wiring, FleetRiskAssessor risk) {
        return Behaviors.<Command>supervise(Behaviors.setup(context -> Behaviors.withStash(STASH,
                stash -> Behaviors.withTimers(timers -> new JhmmHost(context, stash, timers, wiring, risk)
                        .starting(Optional.empty())))))
                .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    }

    // --- starting: the budget, then the fleet, then the supervisor

    private Behavior<Command> starting(Optional<BudgetKeeper.InForce> budget) {
        return Behaviors.receive(Command.class)
                .onMessage(BudgetInForce.class, m -> {
                    if (budget.isEmpty()) {
                        readFleet(Optional.empty(), Optional.empty());
                    }
                    return starting(Optional.of(m.inForce()));
                })
                .onMessage(FleetRead.class, read -> {
                    if (budget.isEmpty()) {
                        return Behaviors.same(); // not asked for yet: the fleet is read again once the budget is known
                    }
                    if (!(read.fleet() instanceof Answer.Value<Fleet> fleet) || fleet.value().live().isEmpty()) {
                        context.getLog().info("JHMM: waiting for the fleet view ({})",
                                read.fleet() instanceof Answer.Failure<Fleet> failed ? failed.cause().toString() : "no live node yet");
                        timers.startSingleTimer(RetryFleet.INSTANCE, FLEET_RETRY);
                        return Behaviors.same();
                    }
                    return start(fleet.value(), budget.get());
                })
                .onMessage(RetryFleet.class, m -> {
                    readFleet(Optional.empty(), Optional.empty());
                    return Behaviors.same();
                })
                .onMessage(ChangeBudget.class, this::changeBudget)
                .onMessage(MembershipChanged.class, m -> Behaviors.same())
                .onMessage(ReachabilityChanged.class, m -> Behaviors.same())
                .onMessage(Sweep.class, m -> Behaviors.same())
                .onAnyMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> start(Fleet fleet, BudgetKeeper.InForce limits) {
        AntiAffinity antiAffinity = fleet.antiAffinity(wiring.antiAffinity());
        ActorRef<RepairSupervisor.Command> supervisor = context.spawn(RepairSupervisor.create(
                wiring.ports().apply(new RepairBudget(limits.limits(), limits.source())), wiring.catalog(),
                fleet.topology(), RepairSupervisor.Settings.defaults(antiAffinity).withRepairDelay(wiring.repairDelay())
                        .withRepairTargets(wiring.repairTarget())),
                "repair-supervisor");
        context.watch(supervisor);
        context.getLog().info("JHMM started on {}: {} live node(s), anti-affinity {}, budget {} (from {}), repair delay {}",
                fleet.self(), fleet.live().size(), antiAffinity.levels(), describe(limits.limits()),
                limits.source().describe(), wiring.repairDelay().isZero() ? "none" : wiring.repairDelay());
        timers.startTimerWithFixedDelay(Sweep.INSTANCE, wiring.sweepInterval());
        sweep(fleet);
        return stash.unstashAll(running(supervisor));
    }

    // --- running: membership, sweeps, budget and risk around the supervisor

    private Behavior<Command> running(ActorRef<RepairSupervisor.Command> supervisor) {
        return Behaviors.receive(Command.class)
                .onMessage(ChangeBudget.class, this::changeBudget)
                .onMessage(BudgetInForce.class, m -> {
                    context.getLog().info("JHMM: repair budget now {} (from {})", describe(m.inForce().limits()),
                            m.inForce().source().describe());
                    supervisor.tell(new RepairSupervisor.AdjustBudget(m.inForce().limits(), Optional.of(m.inForce().source())));
                    return Behaviors.same();
                })
                .onMessage(AssessRisk.class, m -> {
                    // Off the actor: the status is asked, the census scanned and the figure computed in futures.
                    AskPattern.<RepairSupervisor.Command, RepairStatus>ask(supervisor, RepairSupervisor.GetStatus::new,
                                    STATUS_TIMEOUT, context.getSystem().scheduler())
                            .thenCompose(risk::assess)
                            .whenComplete((report, failure) -> m.replyTo().tell(report != null
                                    ? new RiskAnswer(Optional.of(report), Optional.empty())
                                    : new RiskAnswer(Optional.empty(), Optional.of("the JHMM could not assess the fleet: " + failure))));
                    return Behaviors.same();
                })
                .onMessage(MembershipChanged.class, m -> {
                    Optional<String> removed = m.event() instanceof ClusterEvent.MemberRemoved
                            ? wiring.memberName().apply(m.event().member())
                            : Optional.empty();
                    // A node rebooted under its old name joins as a new incarnation: MemberUp, after its MemberRemoved.
                    Optional<String> up = m.event() instanceof ClusterEvent.MemberUp
                            ? wiring.memberName().apply(m.event().member())
                            : Optional.empty();
                    removed.ifPresent(node -> context.getLog().info("JHMM: member {} removed; {}", node,
                            wiring.repairDelay().isZero() ? "repairing what it held"
                                    : "what only it held waits repair.delay " + wiring.repairDelay() + " for it"));
                    readFleet(removed, up);
                    return Behaviors.same();
                })
                .onMessage(ReachabilityChanged.class, m -> {
                    readFleet(Optional.empty(), Optional.empty());
                    return Behaviors.same();
                })
                .onMessage(FleetRead.class, read -> {
                    Optional<Fleet> fleet = read.fleet() instanceof Answer.Value<Fleet> v ? Optional.of(v.value()) : Optional.empty();
                    if (read.fleet() instanceof Answer.Failure<Fleet> failed) {
                        context.getLog().warn("JHMM: could not read the fleet: {}", failed.cause().toString());
                    }
                    fleet.ifPresent(f -> supervisor.tell(new RepairSupervisor.UpdateTopology(f.topology())));
                    // Removal is acted on even without a fresh view: the supervisor drops the node from its topology itself.
                    read.removed().ifPresent(node -> supervisor.tell(new RepairSupervisor.NodeRemoved(node)));
                    // A return only after the topology that has the node live: the supervisor ends a deferral only then.
                    read.up().filter(node -> fleet.map(f -> f.isLive(node)).orElse(false))
                            .ifPresent(node -> supervisor.tell(new RepairSupervisor.NodeReturned(node)));
                    return Behaviors.same();
                })
                .onMessage(Sweep.class, m -> sweepNow())
                .onMessage(SweepNow.class, m -> {
                    context.getLog().info("JHMM: sweeping now ({})", m.reason());
                    return sweepNow();
                })
                .onMessage(SweepStart.class, m -> {
                    // The view a member event triggers reads Cluster.state(), which is updated asynchronously and may
                    // not show that member yet; with no later event the topology would stay short (a repair target
                    // missing) until the next change. The sweep's fresh view puts it right within a sweep interval.
                    supervisor.tell(new RepairSupervisor.UpdateTopology(m.fleet().topology()));
                    sweep(m.fleet());
                    return Behaviors.same();
                })
                .onMessage(SweepFound.class, m -> {
                    if (m.stripes() instanceof Answer.Failure<List<Cid>> failed) {
                        context.getLog().warn("JHMM: census sweep failed: {}", failed.cause().toString());
                    } else if (m.stripes() instanceof Answer.Value<List<Cid>> found) {
                        if (!found.value().isEmpty()) {
                            context.getLog().info("JHMM: census sweep found {} stripe(s) below full redundancy", found.value().size());
                        }
                        // Even when empty: the supervisor re-reads the stripes it parked on a short census read.
                        supervisor.tell(new RepairSupervisor.Reexamine(found.value()));
                    }
                    return Behaviors.same();
                })
                .onMessage(RetryFleet.class, m -> Behaviors.same()) // a start-up retry that lost the race: the fleet is known
                .onMessage(RepairSupervisor.Command.class, m -> {
                    supervisor.tell(m);
                    return Behaviors.same();
                })
                .onSignal(Terminated.class, t -> {
                    throw new IllegalStateException("the repair supervisor stopped; restarting the JHMM");
                })
                .build();
    }

    private Behavior<Command> sweepNow() {
        context.pipeToSelf(wiring.fleet().get(), (fleet, failure) -> fleet == null
                ? new SweepFound(Answer.of(null, failure))
                : new SweepStart(fleet));
        return Behaviors.same();
    }

    private Behavior<Command> changeBudget(ChangeBudget m) {
        keeper.tell(new BudgetKeeper.Change(m.change(), m.replyTo()));
        return Behaviors.same();
    }

    private void readFleet(Optional<String> removed, Optional<String> up) {
        context.pipeToSelf(wiring.fleet().get(), (fleet, failure) -> new FleetRead(Answer.of(fleet, failure), removed, up));
    }

    private void sweep(Fleet fleet) {
        // Present, not live: a node that is only unreachable has not lost its fragments; counting them gone
        // would rebuild them and leave surplus copies when it answers again.
        context.pipeToSelf(wiring.sweep().belowFullRedundancy(fleet.present()),
                (stripes, failure) -> new SweepFound(failure == null && stripes == null
                        ? new Answer.Value<>(List.of()) : Answer.of(stripes, failure)));
    }

    private static String describe(RepairBudget.Limits limits) {
        return limits.maxConcurrentStripes() + " stripe(s) at once, "
                + (limits.unlimitedBandwidth() ? "unlimited bandwidth" : limits.bytesPerSecond() + " B/s");
    }
}
