package dev.kwam.hud;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the repairs are doing, in one word and one sentence, and when they will be done. The states:
 * {@code idle} (nothing below full redundancy), {@code waiting} (every stripe waits out repair.delay),
 * {@code running}, {@code paused (budget)} (the budget lets no stripe run) and {@code stalled} (stripes are due and
 * nothing has moved for {@code stallAfter}, or none of them can be repaired now). The ETA is MODELED: the due
 * stripes at the measured rate, with a spread of two standard errors of that rate (±2/√n over n measured repairs).
 */
public record RepairState(String state, String why, Optional<Eta> eta, String etaUnavailable) {

    /** Seconds to go: the estimate and its spread. */
    public record Eta(double seconds, double lowSeconds, double highSeconds, String basis) {
    }

    public static RepairState of(RepairsReading r, Duration stallAfter) {
        Instant now = r.observedAt();
        if (r.plan().isEmpty()) {
            return new RepairState("idle", "every stripe is at full redundancy", Optional.empty(), "nothing to repair");
        }
        List<RepairsReading.Planned> due = r.plan().stream().filter(p -> p.deferredUntil().isEmpty()).toList();
        if (due.isEmpty()) {
            Instant until = r.plan().stream().map(p -> p.deferredUntil().get()).max(Instant::compareTo).orElseThrow();
            return new RepairState("waiting", r.plan().size() + " stripe(s) wait out repair.delay for a node that may come back "
                    + "(the last until " + until + ")", Optional.empty(), "repairs have not started: they wait for repair.delay");
        }
        long running = due.stream().filter(RepairsReading.Planned::running).count();
        if (r.maxConcurrent() == 0) {
            return new RepairState("paused (budget)", due.size() + " stripe(s) due, and the repair budget lets 0 run at once ("
                    + r.budgetFrom() + "); raise it with kwam client repair-budget --max-concurrent N", Optional.empty(),
                    "paused: no ETA until the budget lets repairs run");
        }
        long beyond = due.stream().filter(p -> p.spare() < 0).count();
        long nowhere = due.stream().filter(p -> p.spare() >= 0 && p.targets().isEmpty() && p.unplaced() > 0).count();
        if (running == 0 && beyond + nowhere == due.size()) {
            return new RepairState("stalled", due.size() + " stripe(s) due and none can be repaired now: " + beyond
                    + " with too few fragments left to rebuild from, " + nowhere
                    + " with no live node left to take their lost fragments (add nodes in distinct fault domains)",
                    Optional.empty(), "stalled: no ETA");
        }
        Instant lastMove = r.tally().lastProgress().orElse(r.tally().since());
        Instant oldestDue = due.stream().map(RepairsReading.Planned::belowFullSince).min(Instant::compareTo).orElse(now);
        Instant quietSince = lastMove.isAfter(oldestDue) ? lastMove : oldestDue;
        Duration quiet = Duration.between(quietSince, now);
        if (quiet.compareTo(stallAfter) > 0) {
            return new RepairState("stalled", due.size() + " stripe(s) due, " + running + " running, and no repair step for "
                    + quiet.toSeconds() + " s (stalled after " + stallAfter.toSeconds() + " s without progress)",
                    Optional.empty(), "stalled: no ETA");
        }
        long queued = running >= r.maxConcurrent() ? due.size() - running - beyond - nowhere : 0;
        String why = running + " of " + due.size() + " due stripe(s) running, at most " + r.maxConcurrent() + " at once"
                + (r.bytesPerSecond() > 0 ? " and " + r.bytesPerSecond() + " B/s" : "") + " (" + r.budgetFrom() + ")"
                + (queued > 0 ? "; " + queued + " queued for a budget slot" : "");
        if (r.rate().isEmpty()) {
            return new RepairState("running", why, Optional.empty(),
                    "no repair has completed since the JHMM started: no rate to estimate from");
        }
        RepairsReading.Rate rate = r.rate().get();
        double seconds = due.size() / rate.stripesPerSecond();
        double spread = 2 / Math.sqrt(rate.stripes());
        Eta eta = new Eta(seconds, Math.max(0, seconds * (1 - spread)), seconds * (1 + spread), due.size()
                + " due stripe(s) at the measured " + String.format(java.util.Locale.ROOT, "%.3g", rate.stripesPerSecond())
                + " stripes/s over " + rate.stripes() + " repair(s); spread ±2/√" + rate.stripes());
        return new RepairState("running", why, Optional.of(eta), "");
    }
}
