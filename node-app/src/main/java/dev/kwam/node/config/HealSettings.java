package dev.kwam.node.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Optional;

/**
 * How the node heals ({@code kwam.node.scrub-interval}, {@code kwam.node.scrub-rate},
 * {@code kwam.node.repair.*}); docs/operators.md lists them with their defaults. The policy's
 * {@code repair} block, when a policy is given, supplies the repair limits and the scrub interval; an
 * explicit {@code scrub-interval} (or {@code kwam up --scrub-interval}) overrides the policy's.
 *
 * @param scrubInterval      re-hash every stored fragment this often (start to start); empty: the policy's, else 24 h
 * @param scrubBytesPerSecond how fast a scrub pass may read the store
 * @param repairEnabled      whether this node may host the JHMM singleton and report to it
 * @param maxConcurrent      stripes repaired at once across the cluster, without a policy
 * @param bandwidth          repair bytes per second across the cluster without a policy; 0 is unlimited
 * @param sweepInterval      how often the JHMM re-examines the census for stripes below full redundancy
 * @param surplusMinAge      a copy the census places on another node is removed by the scrubber only when this
 *                           node last wrote it longer ago than this (docs/jhmm.md, "Surplus copies")
 * @param repairDelay        without a policy: how long a removed node may stay away before what only it held is
 *                           rebuilt; 0 repairs at once (the policy's {@code repair.delay} wins when a policy is given)
 */
public record HealSettings(Optional<Duration> scrubInterval, long scrubBytesPerSecond, boolean repairEnabled, int maxConcurrent,
        long bandwidth, Duration sweepInterval, Duration surplusMinAge, Duration repairDelay) {
    /** The policy's default scrub interval (language reference: {@code scrub_interval}, daily). */
    public static final Duration DEFAULT_SCRUB_INTERVAL = Duration.ofHours(24);

    public static HealSettings defaults() {
        return new HealSettings(Optional.empty(), 32L << 20, true, 4, 0, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ZERO);
    }

    static HealSettings from(Config node) {
        String scrub = node.getString("scrub-interval");
        Optional<Duration> interval = Optional.empty();
        if (!scrub.isBlank()) {
            Duration d = node.getDuration("scrub-interval");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("kwam.node.scrub-interval must be positive, got " + d);
            }
            interval = Optional.of(d);
        }
        long rate = node.getBytes("scrub-rate");
        if (rate < 1) {
            throw new IllegalArgumentException("kwam.node.scrub-rate must be at least 1 byte per second, got " + rate);
        }
        int concurrent = node.getInt("repair.max-concurrent");
        if (concurrent < 1) {
            throw new IllegalArgumentException("kwam.node.repair.max-concurrent must be at least 1, got " + concurrent);
        }
        long bandwidth = node.getBytes("repair.bandwidth");
        if (bandwidth < 0) {
            throw new IllegalArgumentException("kwam.node.repair.bandwidth cannot be negative, got " + bandwidth);
        }
        Duration sweep = node.getDuration("repair.sweep-interval");
        if (sweep.isNegative() || sweep.isZero()) {
            throw new IllegalArgumentException("kwam.node.repair.sweep-interval must be positive, got " + sweep);
        }
        Duration surplusAge = node.getDuration("surplus-min-age");
        if (surplusAge.isNegative()) {
            throw new IllegalArgumentException("kwam.node.surplus-min-age cannot be negative, got " + surplusAge);
        }
        Duration delay = node.getDuration("repair.delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("kwam.node.repair.delay cannot be negative, got " + delay);
        }
        return new HealSettings(interval, rate, node.getBoolean("repair.enabled"), concurrent, bandwidth, sweep, surplusAge,
                delay);
    }
}
