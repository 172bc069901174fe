package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentSource;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.jhmm.FragmentFetcher;
import dev.kwam.jhmm.FragmentWriter;
import dev.kwam.jhmm.PlacementProof;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ReadResult;
import dev.kwam.placement.census.NodeEntry;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The JHMM's fetcher and writer over the real node: this node's own store directly, any other node
 * over its data port with mutual TLS ({@code GET}, {@code PUT} and {@code DELETE /chunk/{cid}}). Every
 * call blocks a thread of {@code io} (the blocking-I/O dispatcher), never the repair actors'.
 */
public final class DataPlaneFragments implements FragmentFetcher, FragmentWriter {
    private final String self;
    private final FragmentStore store;
    private final PeerClient peers;
    private final Supplier<CompletionStage<FleetView>> fleet;
    private final Executor io;

    /** A holder that has the fragment but found it corrupt: the repair rules the source out as corrupt. */
    static final class CorruptAtHolder extends IOException implements FragmentSource.CorruptAtSource {
        private static final long serialVersionUID = 1L;

        CorruptAtHolder(String message) {
            super(message);
        }
    }

    public DataPlaneFragments(String self, FragmentStore store, PeerClient peers, Supplier<CompletionStage<FleetView>> fleet,
            Executor io) {
        this.self = self;
        this.store = store;
        this.peers = peers;
        this.fleet = fleet;
        this.io = io;
    }

    @Override
    public CompletionStage<Optional<byte[]>> fetch(String node, Cid fragment) {
        return on(node, endpoint -> {
            PeerClient.ChunkReply reply = endpoint.isEmpty() ? local(fragment) : peers.getChunk(endpoint.get(), fragment);
            if (reply instanceof PeerClient.Found found) {
                return Optional.of(found.bytes());
            }
            if (reply instanceof PeerClient.Corrupt corrupt) {
                throw new CorruptAtHolder(corrupt.reason());
            }
            return Optional.empty();
        });
    }

    @Override
    public CompletionStage<Void> write(String node, Fragment fragment) {
        return on(node, endpoint -> {
            if (endpoint.isEmpty()) {
                store.put(fragment);
            } else {
                peers.putChunk(endpoint.get(), fragment);
            }
            return null;
        });
    }

    /**
     * Removes a corrupt or surplus copy, only with the census's proof that its replacement is in place. The
     * proof travels with a remote delete and the holder checks it against its own census replica before it
     * unlinks anything ({@code DELETE /chunk/{cid}}, docs/jhmm.md).
     */
    @Override
    public CompletionStage<Void> delete(PlacementProof proof, String node, Cid fragment) {
        return on(node, endpoint -> {
            if (endpoint.isEmpty()) {
                store.delete(fragment);
            } else {
                peers.deleteChunk(endpoint.get(), fragment, DeleteProof.header(proof));
            }
            return null;
        });
    }

    private PeerClient.ChunkReply local(Cid cid) throws IOException {
        ReadResult result = store.read(cid);
        if (result instanceof ReadResult.Found found) {
            return new PeerClient.Found(found.bytes());
        }
        if (result instanceof ReadResult.Quarantined) {
            return new PeerClient.Corrupt(self + " held " + cid + " but it failed verification and is quarantined");
        }
        return new PeerClient.NotHeld();
    }

    @FunctionalInterface
    private interface Transfer<T> {
        /** {@code endpoint} is empty for this node itself. */
        T run(Optional<String> endpoint) throws IOException;
    }

    private <T> CompletionStage<T> on(String node, Transfer<T> transfer) {
        CompletionStage<Optional<String>> endpoint = node.equals(self)
                ? CompletableFuture.completedFuture(Optional.empty())
                : fleet.get().thenApply(view -> Optional.of(view.entry(node).map(NodeEntry::dataEndpoint)
                        .orElseThrow(() -> new CompletionException(new IOException("node " + node
                                + " has no data endpoint in the census directory")))));
        return endpoint.thenApplyAsync(at -> {
            try {
                return transfer.run(at);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, io);
    }
}
