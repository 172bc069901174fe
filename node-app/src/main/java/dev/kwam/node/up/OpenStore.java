package dev.kwam.node.up;

import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.StoreException;
import dev.kwam.node.store.StoreOptions;
import dev.kwam.node.store.StoreSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's fragment store while it is open. It closes after everything that may still write to it
 * has stopped; readiness reads it as closed from that moment on.
 */
public final class OpenStore implements Subsystem {
    /** Store directory under the data directory. */
    public static final String DIRECTORY = "store";
    private static final Logger LOG = LoggerFactory.getLogger(OpenStore.class);

    private final FragmentStore store;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private OpenStore(FragmentStore store) {
        this.store = store;
    }

    static OpenStore open(NodeSettings settings, Path data) throws StartupException {
        Path root = data.resolve(DIRECTORY);
        try {
            FragmentStore store = FragmentStore.open(root, new StoreOptions(settings.storeReserveBytes(), settings.storeReservePercent()));
            LOG.info("fragment store {} open: {}", root, store.startupReport());
            return new OpenStore(store);
        } catch (StoreException e) {
            throw new StartupException("the fragment store cannot be opened", root, e.error().why(), e.error().fix(), e);
        }
    }

    FragmentStore store() {
        return store;
    }

    /** The store's state for readiness; empty once it has closed. */
    Optional<StoreSnapshot> snapshot() {
        return open.get() ? Optional.of(store.snapshot()) : Optional.empty();
    }

    @Override
    public String name() {
        return "close-store";
    }

    @Override
    public String stopPhase() {
        return CoordinatedShutdown.PhaseBeforeActorSystemTerminate();
    }

    @Override
    public CompletionStage<Done> stop() {
        open.set(false);
        try {
            store.close();
            LOG.info("fragment store {} closed", store.root());
        } catch (IOException e) {
            LOG.error("closing the fragment store {} failed", store.root(), e);
        }
        return CompletableFuture.completedFuture(Done.getInstance());
    }
}
