package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.dsl.policy.ReplicateBlock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one budget every repair of a supervisor draws from: how many stripes rebuild at once, and how
 * many bytes per second all of them move together (sources fetched plus fragments written). Limits
 * can be changed while repairs run ({@link #adjust}); a change applies to the next stripe started and
 * the next bytes asked for, within {@link #MAX_WAIT}.
 *
 * <p>Bytes are a token bucket that may go into debt: a request is granted whenever the bucket holds
 * any credit, even if it is larger than the credit, and the debt is paid back at the configured rate
 * before the next grant. So a stripe never needs to be split to fit the bucket, and over any window of
 * {@code T} seconds the bytes granted stay below {@code rate·T + burst + one request}. The burst is
 * {@link #BURST} of rate: enough to keep repairs busy, small against a run of seconds.
 *
 * <p>Thread-safe: repair actors ask for bytes from their own threads.
 */
public final class RepairBudget {
    /** Credit an idle bucket can hold, as time at the configured rate. */
    static final Duration BURST = Duration.ofMillis(100);
    /** A refused request is asked again at most this much later, so a raised limit takes effect quickly. */
    static final Duration MAX_WAIT = Duration.ofMillis(200);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The source of limits given to {@link #RepairBudget(Limits)} without saying where they came from. */
    static final String UNNAMED_CONFIGURATION = "the JHMM's settings";
    /** The setter of limits given to {@link #adjust(Limits)} without a source. */
    static final String UNNAMED_SETTER = "an unnamed caller of RepairSupervisor.AdjustBudget";

    /**
     * @param maxConcurrentStripes stripes repaired at once, at least 1
     * @param bytesPerSecond       repair traffic cap; 0 means unlimited
     */
    public record Limits(int maxConcurrentStripes, long bytesPerSecond) implements KwamSerializable {
        public Limits {
            if (maxConcurrentStripes < 1) {
                throw new IllegalArgumentException("a repair budget needs at least one concurrent stripe, got "
                        + maxConcurrentStripes + " (hint: repair { max_concurrent = 4 })");
            }
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("repair bandwidth cannot be negative, got " + bytesPerSecond);
            }
        }

        /** The policy's {@code repair} block: {@code max_concurrent} and {@code bandwidth} (absent: unlimited). */
        public static Limits of(ReplicateBlock.Repair repair) {
            return new Limits(repair.maxConcurrent(), repair.bandwidthBytesPerSecond().orElse(0));
        }

        public boolean unlimitedBandwidth() {
            return bytesPerSecond == 0;
        }
    }

    private final LongSupplier nanoClock;
    private Limits limits;
    private BudgetSource source;
    private int running;
    /** Bytes of credit (negative: debt) as of {@link #refilledAt}. */
    private double credit;
    private long refilledAt;
    private long granted;

    /** Limits its maker chose, reported as configured by {@value #UNNAMED_CONFIGURATION}. */
    public RepairBudget(Limits limits) {
        this(limits, BudgetSource.configured(UNNAMED_CONFIGURATION, limits), System::nanoTime);
    }

    /** Limits in force and where they come from (an override's source names its setter). */
    public RepairBudget(Limits limits, BudgetSource source) {
        this(limits, source, System::nanoTime);
    }

    /** With a clock of one's own: {@code nanoClock} is read like {@link System#nanoTime()}. */
    RepairBudget(Limits limits, LongSupplier nanoClock) {
        this(limits, BudgetSource.configured(UNNAMED_CONFIGURATION, limits), nanoClock);
    }

    private RepairBudget(Limits limits, BudgetSource source, LongSupplier nanoClock) {
        this.limits = limits;
        this.source = source;
        this.nanoClock = nanoClock;
        this.refilledAt = nanoClock.getAsLong();
        this.credit = burstBytes(limits);
    }

    public synchronized Limits limits() {
        return limits;
    }

    /** Where {@link #limits()} come from. */
    public synchronized BudgetSource source() {
        return source;
    }

    /**
     * New limits from an unnamed caller: reported as an override of the configured limits by
     * {@value #UNNAMED_SETTER}. Stripes already running finish; bytes already granted are not taken back.
     */
    public synchronized void adjust(Limits next) {
        adjust(next, source.overriddenBy(UNNAMED_SETTER, java.time.Instant.now()));
    }

    /** New limits and where they come from (an override, or the configured limits after a reset). */
    public synchronized void adjust(Limits next, BudgetSource from) {
        refill();
        this.limits = next;
        this.source = from;
        credit = Math.min(credit, burstBytes(next));
    }

    /** Takes a stripe slot if one is free. Pair every true with {@link #stripeFinished()}. */
    public synchronized boolean tryStartStripe() {
        if (running >= limits.maxConcurrentStripes()) {
            return false;
        }
        running++;
        return true;
    }

    public synchronized void stripeFinished() {
        if (running == 0) {
            throw new IllegalStateException("stripeFinished without a started stripe");
        }
        running--;
    }

    public synchronized int running() {
        return running;
    }

    /** Bytes granted since this budget was made: what repairs were allowed to move. */
    public synchronized long grantedBytes() {
        return granted;
    }

    /**
     * Asks to move {@code bytes}. {@link Duration#ZERO} means granted now (the bytes are charged); any other
     * value means refused, ask again after that long.
     */
    public synchronized Duration acquire(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot acquire a negative number of bytes: " + bytes);
        }
        if (limits.unlimitedBandwidth()) {
            granted += bytes;
            return Duration.ZERO;
        }
        refill();
        if (credit > 0) {
            credit -= bytes;
            granted += bytes;
            return Duration.ZERO;
        }
        long nanos = (long) Math.ceil((-credit + 1) * NANOS_PER_SECOND / limits.bytesPerSecond());
        return Duration.ofNanos(Math.min(Math.max(nanos, 1), MAX_WAIT.toNanos()));
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - refilledAt;
        refilledAt = now;
        if (!limits.unlimitedBandwidth() && elapsed > 0) {
            credit = Math.min(burstBytes(limits), credit + (double) elapsed * limits.bytesPerSecond() / NANOS_PER_SECOND);
        }
    }

    private static double burstBytes(Limits limits) {
        return limits.unlimitedBandwidth() ? 0 : Math.max(1.0, limits.bytesPerSecond() * (BURST.toNanos() / 1e9));
    }
}
