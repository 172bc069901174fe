package dev.kwam.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed loop: {@code inFlight} lanes, each sending its next spend the moment its last one is answered, until
 * {@code count} spends were sent or {@code sendFor} has passed (so a slow target still ends in seconds; the rate
 * counts the spends answered over the time until the last answer; at least {@link #MIN_SENT} are sent). Each spend takes a fresh token id, so every one must be accepted; latency is
 * from the call to its answer, in a histogram of microseconds (1 µs to 1 min, 3 significant digits).
 */
final class ClosedLoop {
    /** What one measured point gave. {@code spent} holds the ids whose spend was acknowledged, in order. */
    record Result(int sent, int inFlight, int accepted, int refused, int errors, long elapsedNanos, Histogram latencyMicros,
                  List<String> spent, Throwable firstError) {
        double perSecond() {
            return accepted / (elapsedNanos / 1e9);
        }

        double millisAt(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    /** However slow the target, a point has at least this many latencies (its p99 is then its maximum). */
    static final int MIN_SENT = 30;

    private enum Answer { ACCEPTED, REFUSED, ERROR }

    private final SpendTarget target;
    private final List<String> ids;
    private final int count;
    private final int inFlight;
    private final long stopSending;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReferenceArray<Answer> answers;
    private final ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final CountDownLatch lanesDone;
    private volatile Throwable firstError;

    private ClosedLoop(SpendTarget target, List<String> ids, int inFlight, Duration sendFor) {
        this.target = target;
        this.ids = ids;
        this.count = ids.size();
        this.inFlight = inFlight;
        this.stopSending = System.nanoTime() + sendFor.toNanos();
        this.answers = new AtomicReferenceArray<>(count);
        this.lanesDone = new CountDownLatch(inFlight);
    }

    /**
     * Spends {@code ids} in order, or as many of them as are sent within {@code sendFor}; fails if the answers take
     * longer than {@code limit}.
     */
    static Result run(SpendTarget target, List<String> ids, int inFlight, Duration sendFor, Duration limit)
            throws InterruptedException {
        return new ClosedLoop(target, ids, inFlight, sendFor).run(limit);
    }

    private Result run(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        for (int lane = 0; lane < inFlight; lane++) {
            lane();
        }
        if (!lanesDone.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(target.name() + ": " + next.get() + " of " + count + " spends sent at "
                    + inFlight + " in flight and not all answered within " + limit);
        }
        long elapsed = System.nanoTime() - start;
        int sent = Math.min(next.get(), count);
        int accepted = 0;
        int refused = 0;
        int errors = 0;
        List<String> spent = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            switch (answers.get(i)) {
                case ACCEPTED:
                    accepted++;
                    spent.add(ids.get(i));
                    break;
                case REFUSED:
                    refused++;
                    break;
                default:
                    errors++;
            }
        }
        return new Result(sent, inFlight, accepted, refused, errors, elapsed, latency.copy(), spent, firstError);
    }

    /**
     * Sends this lane's spends until none is left. An answer that is already there loops here rather than in its
     * callback, so the stack stays flat whatever the target does.
     */
    private void lane() {
        while (true) {
            if (System.nanoTime() - stopSending > 0 && next.get() >= MIN_SENT) {
                lanesDone.countDown();
                return;
            }
            int i = next.getAndIncrement();
            if (i >= count) {
                lanesDone.countDown();
                return;
            }
            long sent = System.nanoTime();
            CompletableFuture<Boolean> answer = target.spend(ids.get(i)).toCompletableFuture();
            if (answer.isDone()) {
                try {
                    record(i, sent, answer.join(), null);
                } catch (CompletionException | CancellationException failed) {
                    record(i, sent, null, failed);
                }
                continue;
            }
            answer.whenComplete((took, failure) -> {
                record(i, sent, took, failure);
                lane();
            });
            return;
        }
    }

    private void record(int i, long sent, Boolean took, Throwable failure) {
        long micros = Math.max(1, (System.nanoTime() - sent) / 1_000);
        if (failure != null) {
            answers.set(i, Answer.ERROR);
            if (firstError == null) {
                firstError = failure;
            }
            return;
        }
        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
        answers.set(i, took ? Answer.ACCEPTED : Answer.REFUSED);
    }
}
