package dev.kwam.consensus.journal;

import org.apache.pekko.persistence.SnapshotSelectionCriteria;

/** Pekko's {@code SnapshotSelectionCriteria} as plain numbers, so the state machine does not read Scala types. */
record SnapshotCriteria(long maxSequenceNr, long maxTimestamp, long minSequenceNr, long minTimestamp) {

    static SnapshotCriteria of(SnapshotSelectionCriteria c) {
        return new SnapshotCriteria(c.maxSequenceNr(), c.maxTimestamp(), c.minSequenceNr(), c.minTimestamp());
    }

    boolean matches(StoredSnapshot s) {
        return s.sequenceNr() <= maxSequenceNr && s.timestamp() <= maxTimestamp
                && s.sequenceNr() >= minSequenceNr && s.timestamp() >= minTimestamp;
    }
}
