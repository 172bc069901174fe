package dev.kwam.consensus.journal;

import dev.kwam.consensus.journal.JournalReply.Batch;
import dev.kwam.consensus.journal.JournalRequest.Append;
import dev.kwam.consensus.journal.JournalRequest.AppendBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Group commit for this node's journal writes: while {@link #MAX_IN_FLIGHT} log entry is being committed, the
 * appends that arrive queue up and go together as the next entry ({@link AppendBatch}): one Raft round and one fsync
 * for all of them. No timer: a lone append goes at once, alone, so latency at low load is unchanged. Each append is
 * still fenced on its own by the state machine and answered on its own.
 */
final class GroupCommit {
    /** Keeps a batch well under Ratis's 4 MiB appender buffer (one event is at most 1 MiB + 4 KiB). */
    static final long MAX_BATCH_BYTES = 2L << 20;
    static final int MAX_BATCH_APPENDS = 256;
    /**
     * Entries of this node in the log's pipeline at once. One: on a CPU-bound machine every entry costs a leader
     * append, two follower appends, three applies and a reply however few appends it holds, so fewer, fuller entries
     * win. Measured with SpendBench, 3 voters, 64 in flight, 2 cores: 1 in flight 1,037 and 1,064 spends/s, 4 in flight
     * 685 and 667 (docs/benchmarks.md). {@code -Dkwam.journal.max-in-flight=N} is for such experiments only.
     */
    static final int MAX_IN_FLIGHT = Integer.getInteger("kwam.journal.max-in-flight", 1);

    private record Pending(Append append, long bytes, CompletableFuture<JournalReply> reply) {
    }

    private final JournalGroup group;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    GroupCommit(JournalGroup group) {
        this.group = group;
    }

    /** Answers {@link JournalReply.Appended} or {@link JournalReply.Fenced} once the append's entry is committed. */
    CompletionStage<JournalReply> append(Append append) {
        Pending p = new Pending(append, bytesOf(append), new CompletableFuture<>());
        synchronized (this) {
            queue.add(p);
            if (inFlight >= MAX_IN_FLIGHT) {
                return p.reply();
            }
            inFlight++;
        }
        commitNext();
        return p.reply();
    }

    private void commitNext() {
        List<Pending> batch = new ArrayList<>();
        synchronized (this) {
            long bytes = 0;
            while (!queue.isEmpty() && batch.size() < MAX_BATCH_APPENDS
                    && (batch.isEmpty() || bytes + queue.peek().bytes() <= MAX_BATCH_BYTES)) {
                Pending p = queue.poll();
                bytes += p.bytes();
                batch.add(p);
            }
            if (batch.isEmpty()) {
                inFlight--;
                return;
            }
        }
        // Sent outside the lock: a send that blocks (the client's window full, a leader being sought) never holds up
        // the callers queueing appends. Entries of one persistence id are never in two batches at once: an entity
        // writes its next events only after the last were acknowledged, and the state machine fences the rest.
        CompletionStage<List<JournalReply>> written;
        try {
            if (batch.size() == 1) {
                written = group.write(batch.get(0).append(), JournalReply.class).thenApply(List::of);
            } else {
                written = group.write(new AppendBatch(batch.stream().map(Pending::append).toList()), Batch.class)
                        .thenApply(Batch::replies);
            }
        } catch (RuntimeException refused) {
            // A send that throws (a closed client) fails this batch; the slot goes on to the next, never lost.
            written = CompletableFuture.failedFuture(refused);
        }
        written.whenComplete((replies, failure) -> {
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<JournalReply> reply = batch.get(i).reply();
                if (failure != null) {
                    reply.completeExceptionally(failure);
                } else if (replies.size() != batch.size()) {
                    reply.completeExceptionally(new IllegalStateException(replies.size() + " answers to a batch of " + batch.size()));
                } else {
                    reply.complete(replies.get(i));
                }
            }
            commitNext();
        });
    }



    private static long bytesOf(Append a) {
        long bytes = 64 + a.persistenceId().length();
        for (StoredEvent e : a.events()) {
            bytes += 128 + e.payload().length;
        }
        return bytes;
    }
}
