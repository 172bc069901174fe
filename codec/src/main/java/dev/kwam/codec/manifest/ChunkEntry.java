package dev.kwam.codec.manifest;

import dev.kwam.codec.Cid;
import java.util.List;

/**
 * One chunk of an object as the manifest records it: the chunk's content cid, its length, the
 * shard size of its stripe ({@code ceil(length / k)}, the last data shard zero-padded) and the cid
 * of every fragment of the stripe, data first, then parity.
 */
public record ChunkEntry(Cid chunkCid, int length, int shardSize, List<Cid> fragments) {
    public ChunkEntry {
        if (length < 1) {
            throw new IllegalArgumentException("a chunk holds at least one byte, got " + length);
        }
        if (shardSize < 1) {
            throw new IllegalArgumentException("a shard holds at least one byte, got " + shardSize);
        }
        fragments = List.copyOf(fragments);
    }

    /** The shard size a stripe of {@code k} data shards uses for a chunk of {@code length} bytes. */
    public static int shardSizeFor(int length, int k) {
        return (length + k - 1) / k;
    }
}
