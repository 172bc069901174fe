package dev.kwam.node.write;

import dev.kwam.codec.CodecSpec;

/**
 * How much must be durable before a protect is acknowledged. Per stripe: {@code k + 1 + extra}
 * fragments on distinct nodes (capped at k+m) — k alone would leave a stripe that any single loss
 * makes unrecoverable until repair; k+1 survives one. Per object: the signed manifest on
 * {@code min(m + 1, live nodes)} nodes, so the manifest survives as many node losses as the data.
 *
 * @param extra {@code kwam.node.protect.write-quorum-extra}: fragments beyond k+1 an operator wants durable before the ack
 */
public record WriteQuorum(int extra) {
    public WriteQuorum {
        if (extra < 0) {
            throw new IllegalArgumentException("kwam.node.protect.write-quorum-extra must be >= 0, got " + extra);
        }
    }

    /** Fragments of each stripe that must be durable on distinct nodes. */
    public int fragments(CodecSpec codec) {
        return Math.min(codec.totalCount(), codec.dataCount() + 1 + extra);
    }

    /** Copies of the manifest that must be durable, given {@code live} nodes. */
    public int manifestCopies(CodecSpec codec, int live) {
        return Math.max(1, Math.min(codec.parityCount() + 1, live));
    }
}
