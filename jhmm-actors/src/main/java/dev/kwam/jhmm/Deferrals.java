package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;

/**
 * The {@link RepairSupervisor}'s book of nodes whose repair waits ({@code repair.delay}): a node removed from the
 * cluster less than {@code delay} ago may come back to its own fragments (a planned reboot), so the JHMM neither
 * isolates its census slots nor rebuilds what only it lacks. The book keeps when each node becomes due, the timer
 * that says so, and which stripes were announced as waiting; {@link RepairPlanner} decides per stripe (a stripe with
 * nothing to spare is not held back). Used only from the supervisor's thread.
 *
 * <p>A JHMM that starts (or moves to another node) cannot know when an absent holder left. It takes such a node, the
 * first time it meets one of its slots, as removed now (a "stranger"): the delay the operator asked for holds, at the
 * price of at most one more {@code delay} below full redundancy, rather than a repair storm at every hand-over.
 */
final class Deferrals {
    private final Duration delay;
    private final TimerScheduler<RepairSupervisor.Command> timers;
    private final Function<String, RepairSupervisor.Command> due;
    private final Logger log;
    /** Node name to when its delay runs out, ms since the epoch. */
    private final Map<String, Long> until = new TreeMap<>();
    /** Nodes whose delay ran out while they were away: ordinary lost nodes, not deferred again until they return. */
    private final Set<String> overdue = new HashSet<>();
    /** Deferred stripes as last announced ({@link RepairEvent.Deferred}), to tell when they stop waiting. */
    private final Map<Cid, StripePlan> announced = new HashMap<>();

    /**
     * @param due the message the supervisor receives when a node's delay runs out
     */
    Deferrals(Duration delay, TimerScheduler<RepairSupervisor.Command> timers,
            Function<String, RepairSupervisor.Command> due, Logger log) {
        this.delay = delay;
        this.timers = timers;
        this.due = due;
        this.log = log;
    }

    Duration delay() {
        return delay;
    }

    /** False with a zero delay: every removal is repaired at once, exactly as without this book. */
    boolean enabled() {
        return !delay.isZero();
    }

    /** {@code node} left now ({@code why}): what only it lacks waits {@code delay}; the timer sends {@code due(node)}. */
    void removed(String node, String why) {
        long at = System.currentTimeMillis() + delay.toMillis();
        until.put(node, at);
        overdue.remove(node);
        timers.startSingleTimer(timerKey(node), due.apply(node), delay);
        log.info("JHMM: node {} {}; what only it lacks is rebuilt from {} unless it comes back (repair.delay {}; "
                + "stripes with nothing to spare are repaired at once)", node, why, Instant.ofEpochMilli(at), delay);
    }

    boolean isDeferred(String node) {
        return until.containsKey(node);
    }

    /** The deferred nodes and when each becomes due (ms since the epoch), for the planner. */
    Map<String, Long> view() {
        return Collections.unmodifiableMap(until);
    }

    /** {@code node} is a live member again ({@code why}): nothing is rebuilt on its account. */
    void returned(String node, String why) {
        overdue.remove(node);
        if (until.remove(node) != null) {
            timers.cancel(timerKey(node));
            log.info("JHMM: node {} {} within repair.delay: nothing is rebuilt on its account", node, why);
        }
    }

    /**
     * The live membership changed: an overdue node that is live again is an ordinary member (it may be deferred
     * afresh when it next goes away). A deferral is not ended here but by the rejoin ({@link #returned}) or at its
     * timer: a node that was only unreachable keeps the instant its delay started, so flapping cannot postpone a
     * repair forever; while it is live the planner counts its fragments as fine anyway.
     */
    void live(Topology topology) {
        overdue.removeIf(node -> isLive(node, topology));
    }

    /**
     * {@code node}'s delay ran out and its slots are isolated: from now on it is a lost node like any other.
     * False when it was not deferred (a removal without delay).
     */
    boolean expired(String node) {
        if (until.remove(node) == null) {
            return false;
        }
        overdue.add(node);
        return true;
    }

    /**
     * Defers the holders of {@code entry}'s OK slots that are not live, not deferred and not overdue: nodes this
     * JHMM never saw leave (it started after they did, or they are unreachable and not removed yet).
     */
    void meet(StripeEntry entry, Topology topology) {
        if (!enabled()) {
            return;
        }
        for (FragmentSlot slot : entry.slots()) {
            String node = slot.node();
            if (slot.state() == SlotState.OK && slot.placed() && !until.containsKey(node) && !overdue.contains(node)
                    && !isLive(node, topology)) {
                removed(node, "holds fragments but is not a live member, and this JHMM did not see it leave: "
                        + "taken as removed now");
            }
        }
    }

    /** True when the stripe was announced as waiting for its nodes. */
    boolean announced(Cid stripe) {
        return announced.containsKey(stripe);
    }

    /**
     * After a replan: publishes {@link RepairEvent.Deferred} for stripes that now wait (or wait until another
     * instant), and {@link RepairEvent.Returned} for waiting stripes that left the plan unrepaired — which happens
     * only when every fragment is where the census says, i.e. their nodes are back.
     */
    void announce(RepairPlan plan, Consumer<RepairEvent> publish) {
        Set<Cid> inPlan = new HashSet<>();
        for (StripePlan p : plan.stripes()) {
            inPlan.add(p.stripe());
            if (!p.deferred()) {
                announced.remove(p.stripe()); // due now (its delay ran out, or it became urgent): the usual events follow
                continue;
            }
            StripePlan before = announced.put(p.stripe(), p);
            if (before == null || before.deferredUntilMillis() != p.deferredUntilMillis()) {
                publish.accept(new RepairEvent.Deferred(p.stripe(), awayNodes(p), p.deferredUntil().orElseThrow(),
                        Instant.now()));
            }
        }
        announced.entrySet().removeIf(e -> {
            if (inPlan.contains(e.getKey())) {
                return false;
            }
            publish.accept(new RepairEvent.Returned(e.getKey(), awayNodes(e.getValue()), Instant.now()));
            return true;
        });
    }

    private static List<String> awayNodes(StripePlan p) {
        return p.losses().stream().map(RepairPlan.Loss::node).distinct().sorted().toList();
    }

    private static boolean isLive(String node, Topology topology) {
        return topology.node(NodeId.of(node)).isPresent();
    }

    private static String timerKey(String node) {
        return "repair-delay:" + node;
    }
}
