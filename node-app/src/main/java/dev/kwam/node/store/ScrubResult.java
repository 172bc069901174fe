package dev.kwam.node.store;

import dev.kwam.codec.Cid;

/** What a verify-only pass over one stored fragment found. */
public sealed interface ScrubResult permits ScrubResult.Intact, ScrubResult.NotFound, ScrubResult.Quarantined {

    Cid cid();

    /** Header hashes to the cid, payload to the header's SHA-256, exact length. */
    record Intact(Cid cid, long bytes) implements ScrubResult {
    }

    record NotFound(Cid cid) implements ScrubResult {
    }

    /** It failed verification and was moved to quarantine. */
    record Quarantined(QuarantineRecord record) implements ScrubResult {
        @Override
        public Cid cid() {
            return record.cid();
        }
    }
}
