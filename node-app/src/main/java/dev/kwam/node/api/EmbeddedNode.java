package dev.kwam.node.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.config.NodeConfigException;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.StoreException;
import dev.kwam.node.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KwamNode#start} for a caller's own ActorSystem: what {@code kwam up}'s launcher does before
 * its ActorSystem exists (settings, certificates, the fragment store), then the shared
 * {@link NodeRuntime}.
 */
final class EmbeddedNode {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNode.class);

    private EmbeddedNode() {
    }

    static NodeRuntime start(ActorSystem<?> system, Config config, CensusBehavior census) {
        NodeSettings settings = settings(config);
        if (!Cluster.get(system).selfMember().getRoles().contains(ClusterConfig.NAME_ROLE_PREFIX + settings.name())) {
            throw new IllegalArgumentException("the ActorSystem's member roles do not name node '" + settings.name()
                    + "': build its configuration with KwamNode.systemConfig(config) (peers match members to the census by that role)");
        }
        Path data = settings.data().toAbsolutePath().normalize();
        NodeCertificate identity = identity(settings, data);
        FragmentStore store;
        try {
            store = FragmentStore.open(data.resolve("store"), new StoreOptions(settings.storeReserveBytes(), settings.storeReservePercent()));
        } catch (StoreException e) {
            throw new IllegalStateException("the fragment store cannot be opened: " + e.error().describe(), e);
        }
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "kwam-close-store", () -> {
            try {
                store.close();
            } catch (IOException e) {
                LOG.error("closing the fragment store {} failed", store.root(), e);
            }
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        try {
            return NodeRuntime.start(system, settings, MutualTls.of(identity), store, new AtomicBoolean(), census);
        } catch (IOException e) {
            throw new IllegalStateException("the node's manifest store or manifest key under " + data + " cannot be opened: " + e, e);
        }
    }

    static Config systemConfig(Config config) {
        NodeSettings settings = settings(config);
        Path data = settings.data().toAbsolutePath().normalize();
        NodeCertificate identity = identity(settings, data);
        return ClusterConfig.of(settings, settings.pkiDirectory().toAbsolutePath(), identity.id().toString(), manifestKeyHex(data),
                ConfigFactory.load());
    }

    /** The node's manifest key, created on first use: members publish its public half as a role. */
    static String manifestKeyHex(Path data) {
        try {
            return java.util.HexFormat.of().formatHex(dev.kwam.node.write.ManifestKey.loadOrCreate(data).publicKey().raw());
        } catch (IOException e) {
            throw new IllegalStateException("the node's manifest key under " + data + " cannot be read or created: " + e, e);
        }
    }

    private static NodeSettings settings(Config config) {
        try {
            return NodeSettings.load(config.hasPath(NodeSettings.ROOT) ? config.withOnlyPath(NodeSettings.ROOT) : config, Optional.empty());
        } catch (NodeConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static NodeCertificate identity(NodeSettings settings, Path data) {
        try {
            Files.createDirectories(data);
            if (settings.pki().isPresent()) {
                return NodeCertificate.load(settings.pki().get().toAbsolutePath());
            }
            return DevelopmentPki.ensure(data, settings.name());
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("the node's certificates under " + settings.pkiDirectory() + " cannot be used: " + e.getMessage(), e);
        }
    }
}
