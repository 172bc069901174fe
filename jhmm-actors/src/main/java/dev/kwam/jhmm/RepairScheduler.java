package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.TrackedStripes.Tracked;
import dev.kwam.placement.Topology;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Plans every watched stripe against the live topology ({@link RepairPlanner}, riskiest first) and starts a
 * supervised {@link StripeRepair} for each one due, in that order, while the {@link RepairBudget} has a slot.
 * A stripe being isolated, running, deferred, unplaceable or unrebuildable is not started.
 */
final class RepairScheduler {
    private final ActorContext<RepairSupervisor.Command> context;
    private final RepairPorts ports;
    private final RepairSupervisor.Settings settings;
    private final Deferrals deferrals;
    private final TrackedStripes tracked;
    private final RunningBook book;
    private final RepairEventFeed feed;
    private final ActorRef<RepairEvent> childEvents;
    private final ActorRef<StripeRepair.Outcome> childOutcomes;
    private Topology topology;
    private RepairPlan plan = new RepairPlan(java.util.List.of());

    RepairScheduler(ActorContext<RepairSupervisor.Command> context, RepairPorts ports, RepairSupervisor.Settings settings,
            Topology topology, Deferrals deferrals, TrackedStripes tracked, RunningBook book, RepairEventFeed feed) {
        this.context = context;
        this.ports = ports;
        this.settings = settings;
        this.topology = topology;
        this.deferrals = deferrals;
        this.tracked = tracked;
        this.book = book;
        this.feed = feed;
        this.childEvents = context.messageAdapter(RepairEvent.class, RunningBook.ChildEvent::new);
        this.childOutcomes = context.messageAdapter(StripeRepair.Outcome.class, RunningBook.ChildOutcome::new);
    }

    Topology topology() {
        return topology;
    }

    void topology(Topology live) {
        topology = live;
    }

    RepairPlan plan() {
        return plan;
    }

    void replanAndLaunch() {
        plan = RepairPlanner.plan(tracked.states(book::isParked), book.runningPlans(), topology, settings.antiAffinity(),
                deferrals.view(), settings.repairTarget());
        Set<Cid> planned = new HashSet<>();
        plan.stripes().forEach(p -> planned.add(p.stripe()));
        tracked.retain(cid -> planned.contains(cid) || book.isRunning(cid) || book.isParked(cid));
        deferrals.announce(plan, feed::publish);
        for (StripePlan p : plan.stripes()) {
            if (book.isRunning(p.stripe()) || p.deferred()) {
                continue;
            }
            if (tracked.isIsolating(p.stripe())) {
                continue; // isolate, then plan: it starts from the census entry its isolation produces
            }
            if (!p.rebuildable()) {
                if (enoughOkInCensus(p)) {
                    // The census holds enough OK fragments, on nodes this view does not count live yet (a JHMM that has
                    // just started, or a member not yet Up here): wait for them, never poison a stripe that can be rebuilt.
                    continue;
                }
                book.parkShort(p.stripe(), "poisoned: only " + p.survivors().size() + " fragment(s) of " + p.codec()
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
    }

    /** Whether the census shows at least k fragments OK and placed, wherever they are. */
    private boolean enoughOkInCensus(StripePlan p) {
        return tracked.get(p.stripe()).map(t -> RepairPlanner.okInCensus(t.ref(), t.entry()) >= t.ref().codec().dataCount())
                .orElse(false);
    }

    private void launch(StripePlan p) {
        Tracked t = tracked.get(p.stripe()).orElseThrow();
        book.launched(p);
        feed.publish(new RepairEvent.Planned(p.stripe(), p.targets(), p.spare(), Instant.now()));
        Behavior<StripeRepair.Command> repair = Behaviors.supervise(
                        StripeRepair.create(t.ref(), p, ports, settings.repair(), childEvents, childOutcomes))
                .onFailure(StripeRepair.RepairStepFailed.class, SupervisorStrategy
                        .restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), 0.2)
                        .withMaxRestarts(settings.maxRestarts())
                        // A failed attempt is an expected event (a target died mid-write), reported as AttemptFailed:
                        // a warning, not an error with a stack trace per restart.
                        .withLogLevel(org.slf4j.event.Level.WARN));
        ActorRef<StripeRepair.Command> child = context.spawnAnonymous(repair);
        context.watch(child);
        book.watching(child, p.stripe());
    }
}
