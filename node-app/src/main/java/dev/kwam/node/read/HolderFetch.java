package dev.kwam.node.read;

import dev.kwam.codec.Cid;
import dev.kwam.node.peer.PeerClient;
import java.io.IOException;

/** Asks one node for one fragment: this node's store directly, others over the data plane. */
@FunctionalInterface
public interface HolderFetch {
    PeerClient.ChunkReply fetch(String node, Cid fragment) throws IOException;
}
