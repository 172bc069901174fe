package dev.kwam.jhmm.risk;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairThroughput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The guard held to the fleet as it is <em>now</em>, the figure its {@code on_violation} acts on. The steady-state
 * figure ({@link FleetRisk#fleet()}) does not move while a repair runs; this one does: for every stripe below full
 * redundancy, the probability that more of its holders fail before its repair completes than it has fragments to
 * spare. The worst stripe's probability is held to the guard's annual budget, {@code 10^-target}: a stripe that can
 * lose its data within the repair window with more than that probability breaches the guard however short the
 * window is. MODELED: independent node failures at the guard's {@code node_mtbf}; correlated domain failures are not
 * in this figure (the steady-state figure carries them). docs/jhmm.md, "The live guard".
 *
 * @param guard           the guard block's name
 * @param targetNines     its {@code durability} target
 * @param onViolation     its {@code on_violation}, lower case: alert, refuse, quarantine or drain
 * @param breached        whether the worst exposed stripe misses the target
 * @param lossBeforeRepair the worst exposed stripe's probability of loss before its repair; 0 with nothing exposed
 * @param worstStripe     that stripe; empty with nothing exposed
 * @param window          how long the exposed stripes wait for their repairs
 * @param windowSource    where {@code window} comes from, in words
 * @param reason          the verdict in one sentence
 */
public record LiveGuard(String label, Instant at, String guard, int targetNines, String onViolation, boolean breached,
        double lossBeforeRepair, Optional<String> worstStripe, Duration window, String windowSource, String reason)
        implements KwamSerializable {
    public LiveGuard {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(onViolation, "onViolation");
        Objects.requireNonNull(worstStripe, "worstStripe");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowSource, "windowSource");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The repair bandwidth in force (cluster-wide, bytes per second; 0 = unlimited) and the fragment size of each
     * stripe whose shape is known: the budget bounds how fast the exposed stripes can be rebuilt.
     */
    public record Bandwidth(long bytesPerSecond, Map<Cid, Long> fragmentBytes) {
        public static final Bandwidth UNLIMITED = new Bandwidth(0, Map.of());

        public Bandwidth {
            fragmentBytes = Map.copyOf(fragmentBytes);
        }
    }

    /**
     * The live guard. The window is the longer of two: the due stripes at the measured seconds per stripe (the
     * guard's {@code mttr_restore} before any repair is measured), and the bytes those repairs move (sources read and
     * fragments written) at the budget's bandwidth. Pure.
     */
    static LiveGuard of(GuardTarget g, RepairPlan plan, Optional<RepairThroughput> rate, Bandwidth bandwidth, Instant now) {
        List<RepairPlan.StripePlan> due = plan.stripes().stream().filter(s -> s.rebuildable() && !s.deferred()).toList();
        Duration window;
        String windowSource;
        Optional<RepairThroughput> measured = rate.filter(r -> r.stripes() > 0);
        if (measured.isPresent()) {
            RepairThroughput r = measured.get();
            double perStripe = r.seconds() / r.stripes();
            window = Duration.ofMillis(Math.max(1, Math.round(Math.max(1, due.size()) * perStripe * 1_000)));
            windowSource = String.format(Locale.ROOT, "%d due stripe(s) at %.2f s each, measured over the last %d repair(s)",
                    due.size(), perStripe, r.stripes());
        } else {
            window = g.mttrRestore();
            windowSource = "the guard's mttr_restore (no repair measured yet)";
        }
        if (bandwidth.bytesPerSecond() > 0) {
            long bytes = 0;
            for (RepairPlan.StripePlan s : due) {
                bytes += (long) (s.sources().size() + s.losses().size()) * bandwidth.fragmentBytes().getOrDefault(s.stripe(), 0L);
            }
            Duration throttled = Duration.ofMillis(Math.round(bytes * 1_000.0 / bandwidth.bytesPerSecond()));
            if (throttled.compareTo(window) > 0) {
                window = throttled;
                windowSource = String.format(Locale.ROOT, "%d bytes to move for %d due stripe(s) at the repair budget's %d B/s",
                        bytes, due.size(), bandwidth.bytesPerSecond());
            }
        }
        double budget = Math.pow(10, -g.targetNines());
        double worst = 0;
        RepairPlan.StripePlan worstPlan = null;
        for (RepairPlan.StripePlan s : plan.stripes()) {
            Duration exposed = window.plus(s.deferredUntil().map(until -> Duration.between(now, until)).filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO));
            double p = lossBeforeRepair(s.survivors().size(), s.spare(), exposed, g.nodeMtbf());
            if (worstPlan == null || p > worst) {
                worst = p;
                worstPlan = s;
            }
        }
        String onViolation = g.onViolation();
        if (worstPlan == null) {
            return new LiveGuard(FleetRisk.MODELED, now, g.guard(), g.targetNines(), onViolation, false, 0, Optional.empty(), window,
                    windowSource, "no stripe is below full redundancy: nothing is exposed");
        }
        boolean breached = worst > budget;
        String stripe = worstPlan.stripe().toString();
        String reason = worstPlan.spare() < 0
                ? String.format(Locale.ROOT, "stripe %s has %d fragment(s) left, too few to rebuild (%s): below the guard's %d nines",
                        stripe, worstPlan.survivors().size(), worstPlan.codec(), g.targetNines())
                : String.format(Locale.ROOT, "stripe %s (%s, %d to spare on %d holder(s)) is lost before its repair with probability "
                        + "%.3g over %s: %s the guard's budget of 1e-%d", stripe, worstPlan.codec(), worstPlan.spare(),
                        worstPlan.survivors().size(), worst, words(window), breached ? "above" : "within", g.targetNines());
        return new LiveGuard(FleetRisk.MODELED, now, g.guard(), g.targetNines(), onViolation, breached, worst, Optional.of(stripe),
                window, windowSource, reason);
    }

    /**
     * The probability that more than {@code spare} of {@code holders} nodes fail within {@code window}, each failing
     * independently at rate {@code 1/mtbf}: the binomial tail. 1 when {@code spare < 0} (already beyond rebuild).
     */
    static double lossBeforeRepair(int holders, int spare, Duration window, Duration mtbf) {
        if (spare < 0) {
            return 1;
        }
        if (spare >= holders) {
            return 0;
        }
        double p = -Math.expm1(-seconds(window) / seconds(mtbf));
        double tail = 0;
        for (int j = spare + 1; j <= holders; j++) {
            tail += binomial(holders, j) * Math.pow(p, j) * Math.pow(1 - p, holders - j);
        }
        return Math.min(1, tail);
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /** A window as an operator reads it: seconds, minutes or hours. */
    static String words(Duration d) {
        double s = seconds(d);
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return s < 7_200 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f h", s / 3_600);
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
