package dev.kwam.consensus.journal;

import java.util.List;
import java.util.Optional;

/** What the journal state machine answers, one kind per request (fenced appends get {@link Fenced}). */
sealed interface JournalReply {

    /** The append was stored; {@code highest} is now its last sequence number. */
    record Appended(String persistenceId, long highest) implements JournalReply {
    }

    /**
     * The append did not follow the last stored sequence number: another incarnation of the entity wrote first
     * (or this one is stale). Nothing of it was stored.
     */
    record Fenced(String persistenceId, long expected, long offered) implements JournalReply {
    }

    /** An {@link JournalRequest.AppendBatch}'s answers: one {@link Appended} or {@link Fenced} per append, in order. */
    record Batch(List<JournalReply> replies) implements JournalReply {
        public Batch {
            replies = List.copyOf(replies);
        }
    }

    /** A delete or snapshot save was applied. */
    enum Applied implements JournalReply {
        INSTANCE
    }

    /** A page of a replay; {@code more} when events past the page may remain within the asked range. */
    record Events(List<StoredEvent> events, boolean more) implements JournalReply {
        public Events {
            events = List.copyOf(events);
        }
    }

    record Highest(long sequenceNr) implements JournalReply {
    }

    record SnapshotFound(Optional<StoredSnapshot> snapshot) implements JournalReply {
    }
}
