package dev.kwam.node.up;

import com.typesafe.config.Config;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.config.NodeSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kwam up}'s node, in an ActorSystem of its own, in the order that makes failures cheap and
 * clear: data directory and credentials, ports, then the ActorSystem (which joins the cluster) and
 * {@link NodeRoot}'s subsystems. Every failure before the node runs is a {@link StartupException};
 * a system that was already created is terminated again, which stops what had started.
 */
public final class NodeLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLauncher.class);

    private NodeLauncher() {
    }

    /** Starts the node; {@code overrides} (tests, embedding) go over the derived Pekko config. */
    public static RunningNode start(NodeSettings settings, Config overrides) throws StartupException {
        PreparedNode node = PreparedNode.of(settings);
        checkPortFree(settings.host(), settings.controlPort(), "control port", "--control-port");
        checkPortFree(settings.host(), settings.dataPort(), "data port", "--data-port");
        checkPortFree(settings.metricsHost(), settings.metricsPort(), "metrics port", "--metrics-port");
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM_NAME, node.systemConfig(overrides));
        } catch (RuntimeException e) {
            throw new StartupException("the cluster transport could not start", settings.host() + ":" + settings.controlPort(),
                    NodeRoot.rootMessage(e), "check the control port and the PKI directory " + node.pkiDirectory(), e);
        }
        NodeRoot.Started started;
        try {
            started = NodeRoot.start(system, node, NodeRoot.Probes.SERVED);
        } catch (StartupException e) {
            terminate(system);
            throw e;
        }
        LOG.info("node {} ({}) started: control {}:{}, data https://{}:{}, metrics http://{}:{}, store {}, {}", settings.name(),
                node.identity().id(), settings.host(), settings.controlPort(), started.dataAddress().getHostString(),
                started.dataAddress().getPort(), started.probeAddress().orElseThrow().getHostString(),
                started.probeAddress().orElseThrow().getPort(), node.data().resolve(OpenStore.DIRECTORY),
                settings.foundsCluster() ? "founding a cluster" : "joining " + NodeRoot.joining(settings));
        return new RunningNode(system, settings, node.identity(), node.development(), started);
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
}
