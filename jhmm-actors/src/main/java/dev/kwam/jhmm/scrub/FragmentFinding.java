package dev.kwam.jhmm.scrub;

import dev.kwam.codec.Cid;
import java.util.Optional;

/**
 * A fragment a node found corrupt (scrub or read), named the way the JHMM names it: its stripe (the chunk cid)
 * and its index there. The fragment's cid is the SHA-256 of its header, so a header that still hashes to the cid
 * is trustworthy even when the payload behind it is not; with a damaged header the stripe is empty and the
 * census's slots on the node must be asked instead.
 *
 * @param index the fragment's index in its stripe; -1 when the stripe is unknown
 */
public record FragmentFinding(Cid fragment, Optional<Cid> stripe, int index, String foundBy) {
}
