package dev.kwam.consensus.journal;

import java.util.List;

/**
 * What the journal state machine is asked: commands go through the Raft log and change the state; queries are
 * linearizable reads. Payloads arrive already serialized (Pekko Serialization at the plugin), so the state
 * machine stores bytes and never needs the entities' classes.
 */
sealed interface JournalRequest {
    String persistenceId();

    sealed interface Command extends JournalRequest permits Append, AppendBatch, DeleteEventsTo, SaveSnapshot, DeleteSnapshot,
            DeleteSnapshots {
    }

    sealed interface Query extends JournalRequest permits Replay, ReadHighest, LoadSnapshot {
    }

    /**
     * Sequence numbers {@code from..to} of one persistence id, all or nothing. {@code events} holds those that
     * are stored; a number in the range without an event was rejected at the plugin (its payload would not
     * serialize) and is used up all the same, so the next append still follows on.
     */
    record Append(String persistenceId, long from, long to, List<StoredEvent> events) implements Command {
        public Append {
            events = List.copyOf(events);
        }
    }

    /**
     * Appends of several entities in one log entry (group commit: one Raft round and one fsync for every persist
     * that queued while the previous entry was being committed). Each is fenced on its own, in order.
     */
    record AppendBatch(List<Append> appends) implements Command {
        public AppendBatch {
            appends = List.copyOf(appends);
        }

        @Override
        public String persistenceId() {
            return appends.size() + " entities (first " + (appends.isEmpty() ? "none" : appends.get(0).persistenceId()) + ")";
        }
    }

    /** Events up to {@code toSequenceNr} are no longer replayed; the highest sequence number is kept. */
    record DeleteEventsTo(String persistenceId, long toSequenceNr) implements Command {
    }

    record SaveSnapshot(String persistenceId, StoredSnapshot snapshot) implements Command {
    }

    /** The snapshot at {@code sequenceNr}; {@code timestamp} 0 matches any time. */
    record DeleteSnapshot(String persistenceId, long sequenceNr, long timestamp) implements Command {
    }

    record DeleteSnapshots(String persistenceId, SnapshotCriteria criteria) implements Command {
    }

    /** At most {@code max} events in {@code from..to}; the state machine may answer fewer (a page). */
    record Replay(String persistenceId, long from, long to, long max) implements Query {
    }

    record ReadHighest(String persistenceId) implements Query {
    }

    record LoadSnapshot(String persistenceId, SnapshotCriteria criteria) implements Query {
    }
}
