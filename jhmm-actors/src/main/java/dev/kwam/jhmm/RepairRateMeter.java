package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the JHMM's repair rate ({@link RepairThroughput}) from its own repairs: each repair's launch and
 * completion times and the fragment bytes it wrote. The window is the most recent repair activity — the
 * completed repairs that ended within {@link #WINDOW} of the latest completion, at most {@link #MAX_REPAIRS}
 * of them — so the figure follows the current budget and fleet, and it outlives idle time: after a heal the
 * last measured rate stays the best estimate of the next one (its {@code until} says how old it is).
 *
 * <p>Only completed repairs count. A repair that is parked or given up contributes neither bytes nor time:
 * it restored nothing, and its time would only mix failure handling into a throughput. Owned by the
 * supervisor's actor; not thread-safe.
 */
final class RepairRateMeter {
    /** How much recent repair activity the rate is taken over. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** At most this many completed repairs are kept, whatever the window: bounded memory and a cheap status. */
    static final int MAX_REPAIRS = 1000;

    private record Running(long startNanos, Instant startedAt, Map<Integer, Long> written) {
    }

    private record Done(long startNanos, long endNanos, Instant startedAt, Instant endedAt, long restored, long moved) {
    }

    private final Map<Cid, Running> running = new HashMap<>();
    private final ArrayDeque<Done> done = new ArrayDeque<>();

    /** A repair of {@code stripe} was launched. */
    void started(Cid stripe, long nanos, Instant at) {
        running.put(stripe, new Running(nanos, at, new HashMap<>()));
    }

    /** It wrote fragment {@code index}; a later attempt writing the same fragment replaces the count, never adds to it. */
    void written(Cid stripe, int index, long bytes) {
        Running r = running.get(stripe);
        if (r != null) {
            r.written().put(index, bytes);
        }
    }

    /** It completed: its restored bytes and wall time join the window. */
    void completed(Cid stripe, long nanos, Instant at, long moved) {
        Running r = running.remove(stripe);
        if (r == null) {
            return;
        }
        long restored = r.written().values().stream().mapToLong(Long::longValue).sum();
        done.addLast(new Done(r.startNanos(), nanos, r.startedAt(), at, restored, moved));
        while (done.size() > MAX_REPAIRS || nanos - done.peekFirst().endNanos() > WINDOW.toNanos()) {
            done.removeFirst();
        }
    }

    /** It stopped without completing (parked, given up): forgotten. */
    void abandoned(Cid stripe) {
        running.remove(stripe);
    }

    /** The rate over the window; empty until a repair has completed. */
    Optional<RepairThroughput> measure() {
        if (done.isEmpty()) {
            return Optional.empty();
        }
        List<Done> byStart = new ArrayList<>(done);
        byStart.sort(Comparator.comparingLong(Done::startNanos));
        long busy = 0;
        long coveredTo = byStart.get(0).startNanos();
        long restored = 0;
        long moved = 0;
        Instant from = byStart.get(0).startedAt();
        Instant until = byStart.get(0).endedAt();
        for (Done d : byStart) {
            long start = Math.max(d.startNanos(), coveredTo);
            if (d.endNanos() > start) {
                busy += d.endNanos() - start;
            }
            coveredTo = Math.max(coveredTo, d.endNanos());
            restored += d.restored();
            moved += d.moved();
            until = d.endedAt().isAfter(until) ? d.endedAt() : until;
        }
        if (busy <= 0) {
            return Optional.empty();
        }
        return Optional.of(new RepairThroughput(restored, moved, Duration.ofNanos(busy), byStart.size(), from, until));
    }
}
