package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The JHMM's measured repair rate: the bytes of fragments its completed repairs restored, over the wall
 * time during which at least one of those repairs was running (the union of their intervals, so repairs
 * running side by side are not counted twice). LIVE: measured on the node hosting the JHMM, over its most
 * recent completed repairs ({@link RepairRateMeter} says which). Absent from {@link RepairStatus} until a
 * repair has completed since the JHMM started: "not measured" is never reported as 0.
 *
 * @param bytesRestored fragment bytes written by the repairs in the window (each rebuilt fragment once,
 *                      however many attempts wrote it): what a lost node's data costs to put back
 * @param bytesMoved    bytes the same repairs read and wrote (sources fetched + fragments written)
 * @param busy          wall time at least one of them was running, from its launch to its completion
 * @param stripes       completed repairs in the window
 * @param from          when the earliest of them started
 * @param until         when the latest of them completed
 */
public record RepairThroughput(long bytesRestored, long bytesMoved, Duration busy, int stripes, Instant from, Instant until)
        implements KwamSerializable {
    public RepairThroughput {
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (busy.isNegative() || busy.isZero()) {
            throw new IllegalArgumentException("a measured repair rate needs a positive busy time, got " + busy);
        }
        if (stripes < 1 || bytesRestored < 0 || bytesMoved < 0) {
            throw new IllegalArgumentException("a measured repair rate needs at least one stripe and no negative bytes, got "
                    + stripes + " stripe(s), " + bytesRestored + " restored, " + bytesMoved + " moved");
        }
    }

    /** Restored bytes per second of repair wall time. */
    public double bytesPerSecond() {
        return bytesRestored / seconds();
    }

    public double seconds() {
        return busy.getSeconds() + busy.getNano() / 1e9;
    }
}
