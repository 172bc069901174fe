package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * The book of repairs in flight and behind: which stripe each repair actor works on and with which plan, how far
 * it got, how each one ended, the stripes parked and why, and the totals and measured rate {@link RepairStatus}
 * reports. One stripe has at most one repair here at a time.
 */
final class RunningBook {
    /** A step of a running repair, from its actor. */
    record ChildEvent(RepairEvent event) implements RepairSupervisor.InternalCommand {
    }

    /** How a running repair ended, from its actor (it stops right after). */
    record ChildOutcome(StripeRepair.Outcome outcome) implements RepairSupervisor.InternalCommand {
    }

    private final RepairSupervisor.Settings settings;
    private final RepairBudget budget;
    private final RepairEventFeed feed;
    private final Logger log;
    private final Map<Cid, StripePlan> running = new HashMap<>();
    private final Map<ActorRef<?>, Cid> children = new HashMap<>();
    /** Stripes whose repair reported an outcome and has not stopped yet. */
    private final Set<Cid> finished = new HashSet<>();
    private final Set<Cid> changedWhileRunning = new HashSet<>();
    private final Map<Cid, Integer> failedRepairs = new HashMap<>();
    private final Map<Cid, RepairStatus.Progress> progress = new HashMap<>();
    private final Map<Cid, RepairStatus.ParkedStripe> parked = new TreeMap<>();
    /** Parked because a census read showed fewer than k fragments: a later read that shows k takes them off. */
    private final Set<Cid> parkedShort = new HashSet<>();
    private final RepairRateMeter rate = new RepairRateMeter();
    private long repaired;
    private long bytesMoved;

    RunningBook(RepairSupervisor.Settings settings, RepairBudget budget, RepairEventFeed feed, Logger log) {
        this.settings = settings;
        this.budget = budget;
        this.feed = feed;
        this.log = log;
    }

    boolean isRunning(Cid stripe) {
        return running.containsKey(stripe);
    }

    Collection<StripePlan> runningPlans() {
        return running.values();
    }

    boolean isParked(Cid stripe) {
        return parked.containsKey(stripe);
    }

    /** A repair of {@code p} starts now; its actor follows ({@link #watching}). */
    void launched(StripePlan p) {
        running.put(p.stripe(), p);
        finished.remove(p.stripe());
        progress.put(p.stripe(), new RepairStatus.Progress(p.stripe(), "planned", 0, 0, Instant.now()));
        rate.started(p.stripe(), System.nanoTime(), Instant.now());
    }

    void watching(ActorRef<?> child, Cid stripe) {
        children.put(child, stripe);
    }

    /** The census entry of a running stripe changed: it is read again once its repair ends. */
    void changedWhileRunning(Cid stripe) {
        if (running.containsKey(stripe)) {
            changedWhileRunning.add(stripe);
        }
    }

    /** Whether {@code stripe} changed while its repair ran (and forgets it). */
    boolean takeChanged(Cid stripe) {
        return changedWhileRunning.remove(stripe);
    }

    void onEvent(RepairEvent e) {
        RepairStatus.Progress before = progress.get(e.stripe());
        if (before != null) {
            int failed = before.failedAttempts() + (e instanceof RepairEvent.AttemptFailed ? 1 : 0);
            long bytes = e instanceof RepairEvent.Completed ? before.bytes() : before.bytes() + e.bytes();
            progress.put(e.stripe(), new RepairStatus.Progress(e.stripe(), e.step(), bytes, failed, before.since()));
        }
        if (e instanceof RepairEvent.Written w) {
            rate.written(w.stripe(), w.fragment(), w.bytes());
        }
    }

    void onOutcome(StripeRepair.Outcome outcome) {
        finished.add(outcome.stripe());
        if (outcome instanceof StripeRepair.Repaired r) {
            repaired++;
            bytesMoved += r.bytes();
            rate.completed(r.stripe(), System.nanoTime(), Instant.now(), r.bytes());
            failedRepairs.remove(r.stripe());
            r.surplusLeft().forEach(s -> log.warn("JHMM: {}: bad copy left in place: {}", r.stripe(), s));
        } else if (outcome instanceof StripeRepair.Poisoned p) {
            park(p.stripe(), "poisoned: " + p.reason());
        }
    }

    /**
     * A watched actor stopped. When it was a repair, its budget slot is returned, and a repair that stopped without
     * an outcome counts as failed: its stripe is replanned from the census, or parked after
     * {@link RepairSupervisor.Settings#maxReplans()} such rounds. Answers the repair's stripe, if it was one.
     */
    Optional<Cid> stopped(ActorRef<?> ref, Optional<Throwable> failure) {
        Cid stripe = children.remove(ref);
        if (stripe == null) {
            return Optional.empty();
        }
        running.remove(stripe);
        progress.remove(stripe);
        rate.abandoned(stripe); // a no-op after a completion, which already took it into the measurement
        budget.stripeFinished();
        boolean reported = finished.remove(stripe);
        if (!reported) {
            int failures = failedRepairs.merge(stripe, 1, Integer::sum);
            String why = failure.map(Throwable::getMessage).orElse("stopped without an outcome");
            if (failures >= settings.maxReplans()) {
                park(stripe, "repair failed " + failures + " time(s), " + settings.maxRestarts()
                        + " restarts each; last: " + why);
            } else {
                log.warn("JHMM: repair of {} gave up ({}), replanning from the census", stripe, why);
                changedWhileRunning.add(stripe);
            }
        } else if (!parked.containsKey(stripe)) {
            changedWhileRunning.add(stripe); // read the census again: unplaced or newly lost fragments
        }
        return Optional.of(stripe);
    }

    void park(Cid stripe, String reason) {
        if (parked.containsKey(stripe)) {
            return;
        }
        parked.put(stripe, new RepairStatus.ParkedStripe(stripe, reason, Instant.now()));
        feed.publish(new RepairEvent.Parked(stripe, reason, Instant.now()));
    }

    /** Parks {@code stripe} on a census read that showed too few fragments to rebuild from. */
    void parkShort(Cid stripe, String reason) {
        if (!parked.containsKey(stripe)) {
            parkedShort.add(stripe);
        }
        park(stripe, reason);
    }

    List<Cid> parkedShort() {
        return List.copyOf(parkedShort);
    }

    /** Whether {@code stripe} is parked only on what a census read showed, not on what a repair read. */
    boolean isParkedShort(Cid stripe) {
        return parkedShort.contains(stripe);
    }

    /** Takes {@code stripe} off the parked list with a clean record; false if it was not parked. */
    boolean unpark(Cid stripe) {
        parkedShort.remove(stripe);
        if (parked.remove(stripe) == null) {
            return false;
        }
        failedRepairs.remove(stripe);
        return true;
    }

    RepairStatus status(RepairPlan plan) {
        List<RepairStatus.Progress> now = new ArrayList<>();
        for (StripePlan p : plan.stripes()) {
            RepairStatus.Progress pr = progress.get(p.stripe());
            if (pr != null) {
                now.add(pr);
            }
        }
        return new RepairStatus(plan, now, new ArrayList<>(parked.values()), repaired, bytesMoved, budget.limits(),
                Instant.now(), budget.source(), rate.measure());
    }
}
