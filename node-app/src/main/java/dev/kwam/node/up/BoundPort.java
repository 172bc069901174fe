package dev.kwam.node.up;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A port the node serves on. It is unbound first on shutdown, so clients, load balancers and
 * scripts see the node go before anything behind the port stops.
 */
final class BoundPort implements Subsystem {
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final ServerBinding binding;

    private BoundPort(String name, ServerBinding binding) {
        this.name = name;
        this.binding = binding;
    }

    /**
     * Waits for {@code bind}; a port that cannot be bound refuses the start rather than leave a node
     * nobody can reach. {@code what} ("data port") and {@code flag} ("--data-port") name it for the operator.
     */
    static BoundPort await(String name, CompletionStage<ServerBinding> bind, String what, String where, String flag)
            throws StartupException {
        try {
            return new BoundPort(name, bind.toCompletableFuture().get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StartupException("the " + what + " could not be bound", where, NodeRoot.rootMessage(cause),
                    "choose another port with " + flag, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("start-up was interrupted", null, "interrupted while binding the " + what,
                    "start the node again", e);
        }
    }

    InetSocketAddress address() {
        return binding.localAddress();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String stopPhase() {
        return CoordinatedShutdown.PhaseServiceUnbind();
    }

    @Override
    public CompletionStage<Done> stop() {
        return binding.unbind().thenApply(done -> Done.getInstance());
    }
}
