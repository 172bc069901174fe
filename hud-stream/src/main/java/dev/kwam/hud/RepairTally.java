package dev.kwam.hud;

import java.time.Instant;
import java.util.Optional;

/**
 * What this node has seen of the JHMM's repair steps since it started: SHA-gate passes and refusals (a rebuilt
 * fragment whose hash is not the one its manifest promises is refused, never written), completed and failed
 * attempts, and when a repair last made progress — what tells a stalled repair from a slow one. Thread-safe.
 */
public final class RepairTally {
    /**
     * @param since        when this node started counting
     * @param lastProgress the last repair step seen, empty when none was
     */
    public record Counts(long gatePassed, long gateRefused, long completed, long attemptsFailed, Instant since,
            Optional<Instant> lastProgress) {
    }

    private Instant since;
    private long gatePassed;
    private long gateRefused;
    private long completed;
    private long attemptsFailed;
    private Instant lastProgress;

    public RepairTally(Instant since) {
        this.since = since;
    }

    /** Counting starts over from {@code at} (when the host begins to follow the repairs). */
    public synchronized void restart(Instant at) {
        since = at;
        gatePassed = 0;
        gateRefused = 0;
        completed = 0;
        attemptsFailed = 0;
        lastProgress = null;
    }

    public synchronized void gated(int passed, int refused, Instant at) {
        gatePassed += passed;
        gateRefused += refused;
        progressed(at);
    }

    public synchronized void completed(Instant at) {
        completed++;
        progressed(at);
    }

    public synchronized void attemptFailed() {
        attemptsFailed++;
    }

    /** A step that moved a repair forward (fetched, rebuilt, written, recorded, confirmed…). */
    public synchronized void progressed(Instant at) {
        if (lastProgress == null || at.isAfter(lastProgress)) {
            lastProgress = at;
        }
    }

    public synchronized Counts counts() {
        return new Counts(gatePassed, gateRefused, completed, attemptsFailed, since, Optional.ofNullable(lastProgress));
    }
}
