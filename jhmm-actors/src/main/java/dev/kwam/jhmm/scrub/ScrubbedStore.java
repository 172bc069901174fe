package dev.kwam.jhmm.scrub;

import dev.kwam.codec.Cid;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A node's fragment store as the {@link Scrubber} walks it (node-app: its CAS store). Both calls block: the
 * scrubber makes them on its I/O executor.
 */
public interface ScrubbedStore {
    /** The stored fragments in cid order, after {@code after} when given. The caller closes the stream. */
    Stream<Cid> fragments(Optional<Cid> after);

    /** Re-hashes one stored fragment; one that fails is quarantined by the store. */
    Scrubbed scrub(Cid fragment);

    /** What re-hashing one fragment found. */
    sealed interface Scrubbed permits Intact, Gone, Quarantined, Unreadable {
    }

    /** Header hashes to the cid, payload to the header's SHA-256, exact length. */
    record Intact(long bytes) implements Scrubbed {
    }

    /** No longer in the store (deleted since the listing). */
    record Gone() implements Scrubbed {
    }

    /** It failed verification and was moved to quarantine; {@code finding} names it for the JHMM. */
    record Quarantined(long bytes, String reason, FragmentFinding finding) implements Scrubbed {
    }

    /** The store could not check it now. */
    record Unreadable(String reason) implements Scrubbed {
    }
}
