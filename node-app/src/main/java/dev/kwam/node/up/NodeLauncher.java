package dev.kwam.node.up;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.node.api.CensusBehavior;
import dev.kwam.node.api.NodeRuntime;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.StoreException;
import dev.kwam.node.store.StoreOptions;
import dev.kwam.node.store.StoreSnapshot;
import dev.kwam.node.write.ManifestKey;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node from its settings, in the order that makes failures cheap and clear: data directory,
 * credentials, ports, store, then the ActorSystem (which joins the cluster), the metrics and the data port.
 * Every failure before the node runs is a {@link StartupException} naming what, where, why and the
 * fix; whatever was already opened is closed again.
 */
public final class NodeLauncher {
    /** Store directory under the data directory. */
    public static final String STORE_DIRECTORY = "store";
    private static final Logger LOG = LoggerFactory.getLogger(NodeLauncher.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private NodeLauncher() {
    }

    /** Starts the node; {@code overrides} (tests, embedding) go over the derived Pekko config. */
    public static RunningNode start(NodeSettings settings, Config overrides) throws StartupException {
        return start(settings, overrides, CensusBehavior.DISTRIBUTED);
    }

    /** As {@link #start(NodeSettings, Config)}, with the census {@code census} makes (tests pass their own). */
    public static RunningNode start(NodeSettings settings, Config overrides, CensusBehavior census) throws StartupException {
        Path data = settings.data().toAbsolutePath().normalize();
        prepareDataDirectory(data);
        Credentials credentials = credentials(settings, data);
        checkPortFree(settings.host(), settings.controlPort(), "control port", "--control-port");
        checkPortFree(settings.host(), settings.dataPort(), "data port", "--data-port");
        checkPortFree(settings.metricsHost(), settings.metricsPort(), "metrics port", "--metrics-port");
        FragmentStore store = openStore(settings, data);
        AtomicBoolean storeOpen = new AtomicBoolean(true);
        AtomicBoolean registered = new AtomicBoolean();
        Config config = overrides.withFallback(ClusterConfig.of(settings, credentials.dir(), credentials.node().id().toString(),
                manifestKeyHex(data), ConfigFactory.load()))
                .resolve();
        String joining = settings.foundsCluster() ? "itself (founding a new cluster)"
                : settings.seeds().stream().map(Object::toString).collect(Collectors.joining(", "));
        CompletableFuture<ServerBinding> bound = new CompletableFuture<>();
        Guardian.Wiring wiring = new Guardian.Wiring(settings.metricsHost(), settings.metricsPort(),
                () -> storeOpen.get() ? Optional.<StoreSnapshot>of(store.snapshot()) : Optional.empty(), joining, bound,
                registered::get);
        ActorSystem<Guardian.Command> system;
        try {
            system = ActorSystem.create(Guardian.create(wiring), ClusterConfig.SYSTEM_NAME, config);
        } catch (RuntimeException e) {
            closeQuietlyAfter(store, e);
            throw new StartupException("the cluster transport could not start", settings.host() + ":" + settings.controlPort(),
                    rootMessage(e), "check the control port and the PKI directory " + credentials.dir(), e);
        }
        // The store closes after everything that may still write to it has stopped.
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "kwam-close-store",
                () -> {
                    storeOpen.set(false);
                    try {
                        store.close();
                        LOG.info("fragment store {} closed", store.root());
                    } catch (IOException e) {
                        LOG.error("closing the fragment store {} failed", store.root(), e);
                    }
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        ServerBinding binding = awaitBinding(system, bound, "metrics port", settings.metricsHost() + ":" + settings.metricsPort(),
                "--metrics-port");
        NodeRuntime runtime;
        try {
            runtime = NodeRuntime.start(system, settings, MutualTls.of(credentials.node()), store, registered, census);
        } catch (IOException | RuntimeException e) {
            terminate(system);
            throw new StartupException("the node's data path could not start", data, rootMessage(e),
                    "check that the data directory " + data + " is writable and its manifests/ and manifest-key/ are intact", e);
        }
        ServerBinding dataBinding = awaitBinding(system, runtime.dataBinding().toCompletableFuture(), "data port",
                settings.host() + ":" + settings.dataPort(), "--data-port");
        LOG.info("node {} ({}) started: control {}:{}, data https://{}:{}, metrics http://{}:{}, store {}, {}", settings.name(),
                credentials.node().id(), settings.host(), settings.controlPort(), dataBinding.localAddress().getHostString(),
                dataBinding.localAddress().getPort(), binding.localAddress().getHostString(), binding.localAddress().getPort(), store.root(),
                settings.foundsCluster() ? "founding a cluster" : "joining " + joining);
        return new RunningNode(system, settings, credentials.node(), credentials.development(), binding, dataBinding, runtime.node());
    }

    record Credentials(Path dir, NodeCertificate node, boolean development) {
    }

    private static String manifestKeyHex(Path data) throws StartupException {
        try {
            return HexFormat.of().formatHex(ManifestKey.loadOrCreate(data).publicKey().raw());
        } catch (IOException e) {
            throw new StartupException("the node's manifest-signing key cannot be read or created", data.resolve(ManifestKey.DIRECTORY),
                    String.valueOf(e), "restore it from backup, or fix the directory's permissions (docs/operators.md)", e);
        }
    }

    private static void prepareDataDirectory(Path data) throws StartupException {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new StartupException("the data directory cannot be created", data, String.valueOf(e),
                    "choose a writable directory with --data", e);
        }
        if (!Files.isWritable(data)) {
            throw new StartupException("the data directory is not writable", data, "this user cannot write there",
                    "fix its permissions or choose another directory with --data", null);
        }
    }

    private static Credentials credentials(NodeSettings settings, Path data) throws StartupException {
        try {
            if (settings.pki().isPresent()) {
                Path dir = settings.pki().get().toAbsolutePath();
                if (!Files.isDirectory(dir)) {
                    throw new StartupException("the PKI directory does not exist", dir, "no such directory",
                            "pass the directory kwam pki issue --out wrote (ca.crt, node.crt, node.key)", null);
                }
                NodeCertificate node = NodeCertificate.load(dir);
                boolean development = DevelopmentPki.isDevelopment(node.caCertificate());
                if (development) {
                    LOG.warn("the certificates in {} come from a DEVELOPMENT CA whose key was kept on a node; not for production", dir);
                }
                return new Credentials(dir, node, development);
            }
            NodeCertificate node = DevelopmentPki.ensure(data, settings.name());
            Path dir = data.resolve(DevelopmentPki.DIRECTORY);
            LOG.warn("no --pki given: using DEVELOPMENT certificates from {} (their CA key is on this machine); "
                    + "fine for one node on loopback, wrong for a fleet - see docs/operators.md", dir);
            return new Credentials(dir, node, true);
        } catch (PkiException e) {
            throw new StartupException("the node's certificates cannot be used", e.where().orElse(null),
                    e.why(), e.fix(), e);
        } catch (IOException e) {
            throw new StartupException("the node's certificates cannot be read", settings.pkiDirectory(), String.valueOf(e),
                    "pass the directory kwam pki issue --out wrote, or leave --pki out for a development CA", e);
        }
    }

    /** A clear error for a port in use, instead of the transport's stack trace. The actual bind follows at once. */
    private static void checkPortFree(String host, int port, String what, String flag) throws StartupException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new StartupException("the " + what + " is not available", host + ":" + port, String.valueOf(e.getMessage()),
                    "stop what is listening there (ss -ltnp | grep " + port + ") or choose another port with " + flag, e);
        } catch (IOException e) {
            throw new StartupException("the " + what + " cannot be bound", host + ":" + port, String.valueOf(e),
                    "check the host address (kwam.node.host / metrics-host) and " + flag, e);
        }
    }

    private static FragmentStore openStore(NodeSettings settings, Path data) throws StartupException {
        Path root = data.resolve(STORE_DIRECTORY);
        try {
            FragmentStore store = FragmentStore.open(root, new StoreOptions(settings.storeReserveBytes(), settings.storeReservePercent()));
            LOG.info("fragment store {} open: {}", root, store.startupReport());
            return store;
        } catch (StoreException e) {
            throw new StartupException("the fragment store cannot be opened", root, e.error().why(), e.error().fix(), e);
        }
    }

    private static ServerBinding awaitBinding(ActorSystem<?> system, CompletableFuture<ServerBinding> bound, String what,
            String where, String flag) throws StartupException {
        try {
            return bound.get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            terminate(system);
            throw new StartupException("the " + what + " could not be bound", where, rootMessage(cause),
                    "choose another port with " + flag, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate(system);
            throw new StartupException("start-up was interrupted", null, "interrupted while binding the " + what,
                    "start the node again", e);
        }
    }

    private static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("the ActorSystem did not terminate cleanly after a failed start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietlyAfter(FragmentStore store, Exception primary) {
        try {
            store.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
