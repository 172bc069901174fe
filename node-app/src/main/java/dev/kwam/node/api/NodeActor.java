package dev.kwam.node.api;

import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.NodeEntry;
import dev.kwam.jhmm.RepairEvent;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.JhmmHost;
import dev.kwam.jhmm.RepairSupervisor;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The actor behind {@link KwamNode}: answers the public protocol and keeps only what must be
 * serialised — the event subscribers and whether this node is registered in the census. Every
 * request runs as a future chain off the actor (census questions, then blocking work on the
 * pipeline, codec and blocking-I/O dispatchers), so a large protect never delays a Stat, and the
 * actor's own thread never blocks.
 */
final class NodeActor {
    /** What the actor tells itself (timers, adapters, finished futures); package-private, so only it can send them. */
    sealed interface Internal extends KwamNode.Command
            permits Publish, RegisterResult, RegisterTick, MemberEvent, Reachability, RepairEventSeen, ResubscribeRepairs {
    }

    private record Publish(KwamNode.NodeEvent event) implements Internal {
    }

    private record RegisterResult(boolean done, String why) implements Internal {
    }

    private enum RegisterTick implements Internal {
        INSTANCE
    }

    private record MemberEvent(ClusterEvent.MemberEvent event) implements Internal {
    }

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Internal {
    }

    private record RepairEventSeen(RepairEvent event) implements Internal {
    }

    /** Subscribes to the JHMM again: the singleton forgets its subscribers when it moves to another node. */
    private enum ResubscribeRepairs implements Internal {
        INSTANCE
    }

    private static final Duration RESUBSCRIBE = Duration.ofSeconds(5);
    private static final Duration REPAIRS_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration REGISTER_RETRY = Duration.ofSeconds(2);

    private final ActorContext<KwamNode.Command> context;
    private final NodeContext ctx;
    private final NodeEntry self;
    private final AtomicBoolean registered;
    private final Set<ActorRef<KwamNode.NodeEvent>> subscribers = new HashSet<>();
    private ActorRef<RepairEvent> repairEvents;

    private NodeActor(ActorContext<KwamNode.Command> context, NodeContext ctx, NodeEntry self, AtomicBoolean registered) {
        this.context = context;
        this.ctx = ctx;
        this.self = self;
        this.registered = registered;
    }

    /** {@code registered} turns true once the census has acknowledged this node's directory entry. */
    static Behavior<KwamNode.Command> create(NodeContext ctx, NodeEntry self, AtomicBoolean registered) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.MemberEvent.class, MemberEvent::new), ClusterEvent.MemberEvent.class));
            cluster.subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new), ClusterEvent.ReachabilityEvent.class));
            timers.startTimerWithFixedDelay(RegisterTick.INSTANCE, REGISTER_RETRY);
            timers.startTimerWithFixedDelay(ResubscribeRepairs.INSTANCE, RESUBSCRIBE);
            NodeActor actor = new NodeActor(context, ctx, self, registered);
            actor.repairEvents = context.messageAdapter(RepairEvent.class, RepairEventSeen::new);
            actor.register();
            return actor.behavior(timers);
        }));
    }

    private Behavior<KwamNode.Command> behavior(org.apache.pekko.actor.typed.javadsl.TimerScheduler<KwamNode.Command> timers) {
        return Behaviors.receive(KwamNode.Command.class)
                .onMessage(KwamNode.Protect.class, p -> {
                    new ProtectRun(ctx).run(p, this::publishLater).thenAccept(reply -> p.replyTo().tell(reply));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Recover.class, r -> {
                    new ObjectReads(ctx).recover(r.object(), this::publishLater).thenAccept(reply -> r.replyTo().tell(reply));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Stat.class, s -> {
                    new ObjectReads(ctx).stat(s.object()).thenAccept(reply -> s.replyTo().tell(reply));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.ListObjects.class, this::list)
                .onMessage(KwamNode.Repairs.class, r -> {
                    askRepairs(r.replyTo(), Optional.empty());
                    return Behaviors.same();
                })
                .onMessage(KwamNode.AdjustRepairBudget.class, a -> {
                    adjustBudget(a);
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Durability.class, d -> {
                    askDurability(d.replyTo());
                    return Behaviors.same();
                })
                .onMessage(RepairEventSeen.class, e -> {
                    subscribers.forEach(s -> s.tell(new KwamNode.RepairProgress(e.event())));
                    return Behaviors.same();
                })
                .onMessage(ResubscribeRepairs.class, t -> {
                    // Only while someone listens: a node nobody watches does not pull the JHMM's event stream.
                    if (!subscribers.isEmpty()) {
                        ctx.healing().ifPresent(h -> h.jhmm().tell(new RepairSupervisor.Subscribe(repairEvents)));
                    }
                    return Behaviors.same();
                })
                .onMessage(KwamNode.ClusterStatus.class, s -> {
                    ctx.fleet().handle((fleet, failure) -> fleet != null ? fleet
                                    : FleetView.of(ctx.self(), Cluster.get(ctx.system()).state(), List.of(self)))
                            .thenAccept(fleet -> s.replyTo().tell(MemberInfos.state(fleet, ctx.authorization(), ctx.consensus().get())));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Subscribe.class, s -> {
                    if (s.subscriber() != null && subscribers.add(s.subscriber())) {
                        context.watch(s.subscriber());
                        ctx.healing().ifPresent(h -> h.jhmm().tell(new RepairSupervisor.Subscribe(repairEvents)));
                    }
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Unsubscribe.class, u -> {
                    if (u.subscriber() != null && subscribers.remove(u.subscriber())) {
                        context.unwatch(u.subscriber());
                    }
                    return Behaviors.same();
                })
                .onMessage(Publish.class, p -> {
                    subscribers.forEach(s -> s.tell(p.event()));
                    return Behaviors.same();
                })
                .onMessage(RegisterTick.class, t -> {
                    if (registered.get()) {
                        timers.cancel(RegisterTick.INSTANCE);
                    } else {
                        register();
                    }
                    return Behaviors.same();
                })
                .onMessage(RegisterResult.class, r -> {
                    if (r.done() && registered.compareAndSet(false, true)) {
                        context.getLog().info("registered in the census: {} at {}, domains {}, manifest key {}", self.node(),
                                self.dataEndpoint(), self.domains(), self.manifestKey());
                    } else if (!r.done()) {
                        context.getLog().debug("census registration not acknowledged yet ({}); retrying", r.why());
                    }
                    return Behaviors.same();
                })
                .onMessage(MemberEvent.class, e -> memberChanged(e.event().member()))
                .onMessage(Reachability.class, e -> memberChanged(e.event().member()))
                .onSignal(Terminated.class, t -> {
                    subscribers.remove(t.getRef().<KwamNode.NodeEvent>unsafeUpcast());
                    return Behaviors.same();
                })
                .build();
    }

    private void askRepairs(ActorRef<KwamNode.RepairsReply> replyTo, Optional<Boolean> budgetReplicated) {
        if (ctx.healing().isEmpty()) {
            replyTo.tell(new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, "this node runs without the JHMM", List.of()));
            return;
        }
        reportRepairs(ctx.healing().get().jhmm(), context.getSystem().scheduler(), replyTo, budgetReplicated);
    }

    /** Called from outside the actor too (after a budget change): touches no actor state. */
    private static void reportRepairs(ActorRef<JhmmHost.Command> jhmm, org.apache.pekko.actor.typed.Scheduler scheduler,
            ActorRef<KwamNode.RepairsReply> replyTo, Optional<Boolean> budgetReplicated) {
        AskPattern.<JhmmHost.Command, RepairStatus>ask(jhmm, RepairSupervisor.GetStatus::new, REPAIRS_TIMEOUT, scheduler)
                .handle((status, failure) -> status != null
                        ? (KwamNode.RepairsReply) new KwamNode.RepairReport(status, budgetReplicated)
                        : new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, "the JHMM did not answer within "
                                + REPAIRS_TIMEOUT.toSeconds() + " s (it may be starting or moving to another node): " + failure, List.of()))
                .thenAccept(replyTo::tell);
    }

    /** Checked here first (a clear refusal without a round trip), stored and applied by the JHMM's host, then reported. */
    private void adjustBudget(KwamNode.AdjustRepairBudget a) {
        List<String> refusals = a.change().refusals();
        if (!refusals.isEmpty()) {
            a.replyTo().tell(budgetRefused(refusals));
            return;
        }
        if (ctx.healing().isEmpty()) {
            a.replyTo().tell(new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, "this node runs without the JHMM", List.of()));
            return;
        }
        ActorRef<JhmmHost.Command> jhmm = ctx.healing().get().jhmm();
        org.apache.pekko.actor.typed.Scheduler scheduler = context.getSystem().scheduler();
        AskPattern.<JhmmHost.Command, JhmmHost.BudgetChanged>ask(jhmm,
                        replyTo -> new JhmmHost.ChangeBudget(a.change(), replyTo), REPAIRS_TIMEOUT, scheduler)
                .whenComplete((changed, failure) -> {
                    if (changed == null) {
                        a.replyTo().tell(new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, "the JHMM did not answer within "
                                + REPAIRS_TIMEOUT.toSeconds() + " s (it may be starting or moving to another node), so the "
                                + "repair budget may or may not have changed; read it again to see which: " + failure, List.of()));
                    } else if (!changed.refusals().isEmpty()) {
                        a.replyTo().tell(budgetRefused(changed.refusals()));
                    } else if (changed.failure().isPresent()) {
                        a.replyTo().tell(new KwamNode.Failed(KwamNode.ErrorCode.INTERNAL, changed.failure().get(), List.of()));
                    } else {
                        reportRepairs(jhmm, scheduler, a.replyTo(), Optional.of(changed.replicated()));
                    }
                });
    }

    private static KwamNode.Failed budgetRefused(List<String> refusals) {
        return new KwamNode.Failed(KwamNode.ErrorCode.INVALID_ARGUMENT, "repair budget not changed: " + String.join("; ", refusals),
                refusals);
    }

    private void askDurability(ActorRef<KwamNode.DurabilityReply> replyTo) {
        if (ctx.healing().isEmpty()) {
            replyTo.tell(new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, "this node runs without the JHMM", List.of()));
            return;
        }
        AskPattern.<JhmmHost.Command, JhmmHost.RiskAnswer>ask(ctx.healing().get().jhmm(), JhmmHost.AssessRisk::new,
                        REPAIRS_TIMEOUT, context.getSystem().scheduler())
                .handle((answer, failure) -> {
                    if (answer == null) {
                        return (KwamNode.DurabilityReply) new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, "the JHMM did not answer within "
                                + REPAIRS_TIMEOUT.toSeconds() + " s (it may be starting, moving to another node, or filling its "
                                + "manifest index on a first ask): " + failure, List.of());
                    }
                    return answer.risk().<KwamNode.DurabilityReply>map(KwamNode.DurabilityReport::new).orElseGet(() ->
                            new KwamNode.Failed(KwamNode.ErrorCode.UNAVAILABLE, answer.failure().orElse("?"), List.of()));
                })
                .thenAccept(replyTo::tell);
    }

    private void register() {
        NodeEntry entry = new NodeEntry(self.node(), self.spiffeId(), self.dataEndpoint(), self.domains(), self.manifestKey(),
                System.currentTimeMillis());
        context.<Census.Command, Done>ask(Done.class, ctx.census(), Duration.ofSeconds(5), replyTo -> new Census.RegisterNode(entry, replyTo),
                (done, failure) -> new RegisterResult(done != null, failure == null ? "" : failure.toString()));
    }

    /** Events may be published from any thread; subscribers are only touched by the actor. */
    private void publishLater(KwamNode.NodeEvent event) {
        context.getSelf().tell(new Publish(event));
    }

    private Behavior<KwamNode.Command> list(KwamNode.ListObjects l) {
        // The reply type has no error case: a limit outside 1..10,000 is clamped, a census timeout answers an empty list.
        int limit = Math.max(0, Math.min(10_000, l.limit()));
        if (limit == 0) {
            l.replyTo().tell(new KwamNode.ObjectList(List.of()));
            return Behaviors.same();
        }
        ctx.<Census.ObjectList>askCensus(r -> new Census.ListObjects(limit, l.after(), r))
                .handle((found, failure) -> {
                    if (failure != null) {
                        context.getSystem().log().warn("ListObjects: the census did not answer: {}", failure.toString());
                        return new KwamNode.ObjectList(List.of());
                    }
                    return new KwamNode.ObjectList(found.objects().stream()
                            .map(o -> new KwamNode.ObjectInfo(o.object(), o.contentCid(), o.size(), o.stripes())).toList());
                })
                .thenAccept(l.replyTo()::tell);
        return Behaviors.same();
    }

    private Behavior<KwamNode.Command> memberChanged(Member member) {
        if (subscribers.isEmpty()) {
            return Behaviors.same();
        }
        String name = ClusterConfig.nameOf(member).orElse(member.address().toString());
        ctx.fleet().handle((fleet, failure) -> fleet != null ? fleet
                        : FleetView.of(ctx.self(), Cluster.get(ctx.system()).state(), List.of(self)))
                .thenAccept(fleet -> publishLater(new KwamNode.MemberChanged(MemberInfos.info(fleet, name,
                        Map.entry(member.status().toString().toLowerCase(Locale.ROOT), member.address().toString())))));
        return Behaviors.same();
    }
}
