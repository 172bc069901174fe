package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import java.util.Objects;

/**
 * What the JHMM needs to rebuild a stripe: its name (the chunk cid the census keys it by), the signed
 * manifest that promises its fragment cids, and its position in that manifest. The manifest, not the
 * census, is the truth about which bytes each fragment must hold: the census only says where.
 */
public record StripeRef(Cid stripe, Manifest manifest, int index) {
    public StripeRef {
        Objects.requireNonNull(stripe, "stripe");
        Objects.requireNonNull(manifest, "manifest");
        if (index < 0 || index >= manifest.chunks().size()) {
            throw new IllegalArgumentException("manifest " + manifest.cid() + " has " + manifest.chunks().size()
                    + " stripes, not " + (index + 1));
        }
        if (!manifest.chunks().get(index).chunkCid().equals(stripe)) {
            throw new IllegalArgumentException("stripe " + index + " of manifest " + manifest.cid() + " is chunk "
                    + manifest.chunks().get(index).chunkCid() + ", not " + stripe);
        }
    }

    public ChunkEntry entry() {
        return manifest.chunks().get(index);
    }

    public CodecSpec codec() {
        return manifest.codec();
    }

    public int width() {
        return manifest.codec().totalCount();
    }

    /** The cid fragment {@code fragmentIndex} must have. */
    public Cid fragment(int fragmentIndex) {
        return entry().fragments().get(fragmentIndex);
    }

    /** Bytes of one fragment file of this stripe: header plus shard. */
    public long fragmentBytes() {
        return dev.kwam.codec.fragment.FragmentHeader.BYTES + (long) entry().shardSize();
    }
}
