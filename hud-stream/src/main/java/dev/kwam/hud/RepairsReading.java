package dev.kwam.hud;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JHMM's repairs as one node read them: the plan riskiest first, the budget in force, the measured rate, the
 * totals, what is parked, and the tally of repair steps this node has seen ({@link RepairTally}). The host maps the
 * JHMM's report into it, so the HUD never depends on how repair is carried out.
 *
 * @param maxConcurrent      stripes the budget lets run at once (0: repairs are paused by the operator)
 * @param bytesPerSecond     the budget's bandwidth, 0 for unlimited
 * @param budgetFrom         where the budget comes from, in words
 */
public record RepairsReading(List<Planned> plan, int maxConcurrent, long bytesPerSecond, String budgetFrom,
        Optional<Rate> rate, long repaired, long bytesMoved, List<Parked> parked, RepairTally.Counts tally, Source source,
        Instant observedAt) {
    public RepairsReading {
        plan = List.copyOf(plan);
        parked = List.copyOf(parked);
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /**
     * One stripe below full redundancy.
     *
     * @param spare         further losses it survives (-1: beyond rebuild now)
     * @param targets       nodes its lost fragments go to
     * @param unplaced      lost fragments no live node can take now
     * @param step          the running repair's last step, empty when not running
     * @param deferredUntil when the repair becomes due (repair.delay), empty when due now
     */
    public record Planned(String stripe, String codec, int spare, int lost, List<String> targets, int unplaced, boolean running,
            Optional<String> step, long bytes, Optional<Instant> deferredUntil, Instant belowFullSince) {
        public Planned {
            targets = List.copyOf(targets);
        }
    }

    /** The measured repair rate: bytes restored over the busy time of {@code stripes} completed repairs. */
    public record Rate(double bytesPerSecond, int stripes, double busySeconds, Instant from, Instant until) {
        public double stripesPerSecond() {
            return stripes / busySeconds;
        }
    }

    public record Parked(String stripe, String reason, Instant at) {
    }
}
