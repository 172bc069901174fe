package dev.kwam.node.up;

import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.config.NodeSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/** A started node: its ActorSystem, identity, metrics and data bindings, and how to stop it. */
public final class RunningNode {
    /** The shutdown an operator asked for (SIGTERM, SIGINT, or a test's {@link #shutdown()}). */
    public enum OperatorRequest implements CoordinatedShutdown.Reason {
        INSTANCE;

        @Override
        public String toString() {
            return "operator request (SIGTERM/SIGINT)";
        }
    }

    private final ActorSystem<Void> system;
    private final NodeSettings settings;
    private final NodeCertificate identity;
    private final boolean developmentPki;
    private final NodeRoot.Started started;

    RunningNode(ActorSystem<Void> system, NodeSettings settings, NodeCertificate identity, boolean developmentPki,
            NodeRoot.Started started) {
        this.system = system;
        this.settings = settings;
        this.identity = identity;
        this.developmentPki = developmentPki;
        this.started = started;
    }

    /** The node's public actor ({@link KwamNode}'s protocol): what the gRPC service and embedded callers talk to. */
    public ActorRef<KwamNode.Command> kwamNode() {
        return started.node();
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public NodeSettings settings() {
        return settings;
    }

    public NodeCertificate identity() {
        return identity;
    }

    public boolean developmentPki() {
        return developmentPki;
    }

    /** Where /health and /ready answer. */
    public java.net.InetSocketAddress metricsAddress() {
        return started.probeAddress().orElseThrow();
    }

    /** Where the data plane (GET/PUT /chunk/{cid}, GET/PUT /manifest/{cid}) answers over mutual TLS. */
    public java.net.InetSocketAddress dataAddress() {
        return started.dataAddress();
    }

    /** Leaves the cluster, unbinds, closes the store and terminates; returns at once (see {@link #awaitTermination}). */
    public void shutdown() {
        CoordinatedShutdown.get(system).run(OperatorRequest.INSTANCE);
    }

    /** Blocks until the ActorSystem has terminated, for at most {@code timeout}; true if it did. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            system.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the ActorSystem's termination failed", e.getCause());
        }
    }

    /** Why the node shut down, once it has: an operator's request, the cluster downing it, or another reason. */
    public Optional<CoordinatedShutdown.Reason> shutdownReason() {
        return CoordinatedShutdown.get(system).getShutdownReason();
    }

    /**
     * True once every coordinated-shutdown phase has run (each is bounded by its own timeout): the node
     * has left the cluster and closed its store. The ActorSystem may still be terminating — Artery's
     * transport flush to a peer can outlast its phase — but nothing the node owns is open any more.
     */
    public boolean shutdownCompleted() {
        Optional<CoordinatedShutdown.Reason> reason = shutdownReason();
        // runAll() with any reason returns the one shutdown already under way, so this starts nothing.
        return reason.isPresent()
                && CoordinatedShutdown.get(system).runAll(reason.get()).toCompletableFuture().isDone();
    }

    /** True when the node stopped because an operator asked it to. */
    public boolean stoppedByOperator() {
        return shutdownReason().filter(r -> r == OperatorRequest.INSTANCE).isPresent();
    }
}
