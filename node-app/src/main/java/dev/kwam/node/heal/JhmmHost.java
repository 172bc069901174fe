package dev.kwam.node.heal;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.jhmm.RepairBudget;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.RepairPorts;
import dev.kwam.jhmm.RepairSupervisor;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.AntiAffinity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The JHMM as it runs inside the cluster singleton: the {@link RepairSupervisor} plus what feeds it on
 * the hosting node — membership ({@code MemberRemoved} after the Split Brain Resolver downed a node
 * becomes {@code NodeRemoved}; every change becomes the live topology), and the census sweep that
 * re-examines every stripe below full redundancy when the singleton starts (so a restart or a move to
 * another node resumes the plan) and then every {@code sweepInterval}.
 *
 * <p>Commands arriving before the first fleet view are stashed: the supervisor must never plan against an
 * empty topology (every fragment would look lost).
 */
public final class JhmmHost {
    /**
     * Risk as a number: the host gathers the live inputs and answers with {@link FleetRisk} (docs/jhmm.md). Sent
     * through the singleton's proxy from any node, so it and its answer cross nodes (Kryo ids 1570, 1571).
     */
    public record AssessRisk(ActorRef<RiskAnswer> replyTo) implements RepairSupervisor.Command, KwamSerializable {
    }

    /** The report, or why it could not be made (a census or status question that failed); exactly one is present. */
    public record RiskAnswer(Optional<FleetRisk> risk, Optional<String> failure) implements KwamSerializable {
        public RiskAnswer {
            if (risk.isPresent() == failure.isPresent()) {
                throw new IllegalArgumentException("a risk answer holds either the report or the failure");
            }
        }
    }

    /** Local: the fleet as the hosting node sees it, after a membership change ({@code removed}: who left). */
    private record FleetRead(Optional<FleetView> fleet, Optional<String> removed, Optional<Throwable> failure)
            implements RepairSupervisor.Command {
    }

    private record MembershipChanged(ClusterEvent.MemberEvent event) implements RepairSupervisor.Command {
    }

    private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements RepairSupervisor.Command {
    }

    private record SweepFound(List<dev.kwam.codec.Cid> stripes, Optional<Throwable> failure)
            implements RepairSupervisor.Command {
    }

    private enum Sweep implements RepairSupervisor.Command {
        INSTANCE
    }

    private enum RetryFleet implements RepairSupervisor.Command {
        INSTANCE
    }

    private static final int STASH = 10_000;
    private static final Duration FLEET_RETRY = Duration.ofSeconds(1);
    /** The supervisor is a local child: its status comes at once unless the host is overloaded. */
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param ports         the repair ports, without their budget (one is made here: the cluster-wide one)
     * @param antiAffinity  the configured levels; empty derives them from the fleet as writes do
     */
    public record Wiring(Function<RepairBudget, RepairPorts> ports, CensusStripeCatalog catalog,
            Supplier<CompletionStage<FleetView>> fleet, List<String> antiAffinity, RepairBudget.Limits limits,
            Duration sweepInterval) {
    }

    private JhmmHost() {
    }

    public static Behavior<RepairSupervisor.Command> create(Wiring wiring, FleetRiskAssessor risk) {
        return Behaviors.<RepairSupervisor.Command>supervise(Behaviors.setup(context -> Behaviors.withStash(STASH,
                stash -> Behaviors.withTimers(timers -> {
                    Cluster cluster = Cluster.get(context.getSystem());
                    cluster.subscriptions().tell(Subscribe.create(
                            context.messageAdapter(ClusterEvent.MemberEvent.class, MembershipChanged::new),
                            ClusterEvent.MemberEvent.class));
                    cluster.subscriptions().tell(Subscribe.create(
                            context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
                            ClusterEvent.ReachabilityEvent.class));
                    readFleet(context, wiring, Optional.empty());
                    return starting(context, stash, timers, wiring, risk);
                })))).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    }

    private static void readFleet(ActorContext<RepairSupervisor.Command> context, Wiring wiring, Optional<String> removed) {
        context.pipeToSelf(wiring.fleet().get(), (fleet, failure) -> new FleetRead(Optional.ofNullable(fleet), removed,
                Optional.ofNullable(failure)));
    }

    private static Behavior<RepairSupervisor.Command> starting(ActorContext<RepairSupervisor.Command> context,
            StashBuffer<RepairSupervisor.Command> stash, TimerScheduler<RepairSupervisor.Command> timers, Wiring wiring,
            FleetRiskAssessor risk) {
        return Behaviors.receive(RepairSupervisor.Command.class)
                .onMessage(FleetRead.class, read -> {
                    if (read.fleet().isEmpty() || read.fleet().get().live().isEmpty()) {
                        context.getLog().info("JHMM: waiting for the fleet view ({})",
                                read.failure().map(Throwable::toString).orElse("no live node yet"));
                        timers.startSingleTimer(RetryFleet.INSTANCE, FLEET_RETRY);
                        return Behaviors.same();
                    }
                    FleetView fleet = read.fleet().get();
                    AntiAffinity antiAffinity = fleet.antiAffinity(wiring.antiAffinity());
                    RepairBudget budget = new RepairBudget(wiring.limits());
                    ActorRef<RepairSupervisor.Command> supervisor = context.spawn(RepairSupervisor.create(
                            wiring.ports().apply(budget), wiring.catalog(), fleet.topology(),
                            RepairSupervisor.Settings.defaults(antiAffinity)), "repair-supervisor");
                    context.watch(supervisor);
                    context.getLog().info("JHMM started on {}: {} live node(s), anti-affinity {}, budget {} stripe(s) at once, {}",
                            fleet.self(), fleet.live().size(), antiAffinity.levels(), wiring.limits().maxConcurrentStripes(),
                            wiring.limits().unlimitedBandwidth() ? "unlimited bandwidth"
                                    : wiring.limits().bytesPerSecond() + " B/s");
                    timers.startTimerWithFixedDelay(Sweep.INSTANCE, wiring.sweepInterval());
                    sweep(context, wiring, fleet);
                    return stash.unstashAll(running(context, wiring, supervisor, risk));
                })
                .onMessage(RetryFleet.class, m -> {
                    readFleet(context, wiring, Optional.empty());
                    return Behaviors.same();
                })
                .onMessage(MembershipChanged.class, m -> Behaviors.same())
                .onMessage(ReachabilityChanged.class, m -> Behaviors.same())
                .onMessage(Sweep.class, m -> Behaviors.same())
                .onAnyMessage(m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    private static void sweep(ActorContext<RepairSupervisor.Command> context, Wiring wiring, FleetView fleet) {
        context.pipeToSelf(wiring.catalog().belowFullRedundancy(fleet.live()),
                (stripes, failure) -> new SweepFound(stripes == null ? List.of() : stripes, Optional.ofNullable(failure)));
    }

    private static Behavior<RepairSupervisor.Command> running(ActorContext<RepairSupervisor.Command> context, Wiring wiring,
            ActorRef<RepairSupervisor.Command> supervisor, FleetRiskAssessor risk) {
        return Behaviors.receive(RepairSupervisor.Command.class)
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
                            ? ClusterConfig.nameOf(m.event().member())
                            : Optional.empty();
                    removed.ifPresent(node -> context.getLog().info("JHMM: member {} removed; repairing what it held", node));
                    readFleet(context, wiring, removed);
                    return Behaviors.same();
                })
                .onMessage(ReachabilityChanged.class, m -> {
                    readFleet(context, wiring, Optional.empty());
                    return Behaviors.same();
                })
                .onMessage(FleetRead.class, read -> {
                    if (read.fleet().isPresent()) {
                        supervisor.tell(new RepairSupervisor.UpdateTopology(read.fleet().get().topology()));
                    } else {
                        context.getLog().warn("JHMM: could not read the fleet: {}", read.failure().map(Throwable::toString).orElse("?"));
                    }
                    // Removal is acted on even without a fresh view: the supervisor drops the node from its topology itself.
                    read.removed().ifPresent(node -> supervisor.tell(new RepairSupervisor.NodeRemoved(node)));
                    return Behaviors.same();
                })
                .onMessage(Sweep.class, m -> {
                    context.pipeToSelf(wiring.fleet().get(), (fleet, failure) -> fleet == null
                            ? new SweepFound(List.of(), Optional.of(failure))
                            : new SweepStart(fleet));
                    return Behaviors.same();
                })
                .onMessage(SweepStart.class, m -> {
                    // The view a member event triggers reads Cluster.state(), which is updated asynchronously and may
                    // not show that member yet; with no later event the topology would stay short (a repair target
                    // missing) until the next change. The sweep's fresh view puts it right within a sweep interval.
                    supervisor.tell(new RepairSupervisor.UpdateTopology(m.fleet().topology()));
                    sweep(context, wiring, m.fleet());
                    return Behaviors.same();
                })
                .onMessage(SweepFound.class, m -> {
                    if (m.failure().isPresent()) {
                        context.getLog().warn("JHMM: census sweep failed: {}", m.failure().get().toString());
                    } else if (!m.stripes().isEmpty()) {
                        context.getLog().info("JHMM: census sweep found {} stripe(s) below full redundancy", m.stripes().size());
                        supervisor.tell(new RepairSupervisor.Reexamine(m.stripes()));
                    }
                    return Behaviors.same();
                })
                .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> {
                    throw new IllegalStateException("the repair supervisor stopped; restarting the JHMM");
                })
                .onAnyMessage(m -> {
                    supervisor.tell(m);
                    return Behaviors.same();
                })
                .build();
    }

    private record SweepStart(FleetView fleet) implements RepairSupervisor.Command {
    }
}
