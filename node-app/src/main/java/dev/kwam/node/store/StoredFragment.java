package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.FragmentHeader;
import java.time.Instant;

/**
 * A stored fragment's header and when it was last written (a write of a copy already held counts: it
 * refreshes the time). The header hashes to the cid; the payload is not checked here — the scrubber does.
 */
public record StoredFragment(Cid cid, FragmentHeader header, Instant written) {
}
