package dev.kwam.node.store;

import dev.kwam.codec.Cid;

/** What a verified read found: the verified bytes, nothing, or a corrupt file it moved to quarantine. */
public sealed interface ReadResult permits ReadResult.Found, ReadResult.NotFound, ReadResult.Quarantined {

    Cid cid();

    /**
     * The whole fragment file (header and payload), verified against {@code cid} by this read. The
     * array is the caller's: the store keeps no reference to it.
     */
    record Found(Cid cid, byte[] bytes) implements ReadResult {
    }

    record NotFound(Cid cid) implements ReadResult {
    }

    /** The stored file failed verification and now lies in quarantine; it was not served. */
    record Quarantined(QuarantineRecord record) implements ReadResult {
        @Override
        public Cid cid() {
            return record.cid();
        }
    }
}
