package dev.kwam.node.up;

import dev.kwam.node.cluster.MembershipWatcher;
import dev.kwam.node.dataplane.DataPlaneServer;
import dev.kwam.node.health.HealthRoutes;
import dev.kwam.node.health.ReadinessCheck;
import dev.kwam.node.store.StoreSnapshot;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * The node's composition root: everything a running node consists of is started here, in one
 * readable place — the membership log, the readiness check over cluster and store, the metrics
 * port's HTTP server and the data port's HTTPS server. The launcher learns the outcome of each bind
 * through {@code bound} and {@code dataBound}, so a port that cannot be bound fails {@code kwam up}
 * instead of leaving a node nobody can probe or fetch from.
 */
public final class Guardian {

    public sealed interface Command permits HttpBound, HttpFailed, DataBound, DataFailed {
    }

    private record DataBound(ServerBinding binding) implements Command {
    }

    private record DataFailed(Throwable cause) implements Command {
    }

    private record HttpBound(ServerBinding binding) implements Command {
    }

    private record HttpFailed(Throwable cause) implements Command {
    }

    /** What the guardian needs from the launcher. */
    public record Wiring(String metricsHost, int metricsPort, Supplier<Optional<StoreSnapshot>> store, String joining,
            CompletableFuture<ServerBinding> bound, DataPlaneServer.Wiring dataPlane, CompletableFuture<ServerBinding> dataBound) {
    }

    private Guardian() {
    }

    public static Behavior<Command> create(Wiring wiring) {
        return Behaviors.setup(context -> {
            context.spawn(MembershipWatcher.create(), "membership");
            Cluster cluster = Cluster.get(context.getSystem());
            HealthRoutes routes = new HealthRoutes(new ReadinessCheck(cluster, wiring.store(), wiring.joining()), cluster);
            context.pipeToSelf(Http.get(context.getSystem()).newServerAt(wiring.metricsHost(), wiring.metricsPort())
                            .bind(routes.routes()),
                    (binding, failure) -> failure == null ? new HttpBound(binding) : new HttpFailed(failure));
            context.pipeToSelf(DataPlaneServer.bind(context.getSystem(), wiring.dataPlane()),
                    (binding, failure) -> failure == null ? new DataBound(binding) : new DataFailed(failure));
            return Behaviors.receive(Command.class)
                    .onMessage(HttpBound.class, b -> bound(context, b.binding(), wiring))
                    .onMessage(HttpFailed.class, f -> {
                        wiring.bound().completeExceptionally(f.cause());
                        return Behaviors.same();
                    })
                    .onMessage(DataBound.class, b -> dataBound(context, b.binding(), wiring))
                    .onMessage(DataFailed.class, f -> {
                        wiring.dataBound().completeExceptionally(f.cause());
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static Behavior<Command> bound(ActorContext<Command> context, ServerBinding binding, Wiring wiring) {
        context.getLog().info("/health and /ready on http://{}:{}", binding.localAddress().getHostString(), binding.localAddress().getPort());
        // Stop answering probes first on shutdown, so load balancers and scripts see the node go.
        CoordinatedShutdown.get(context.getSystem()).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "kwam-metrics-unbind",
                () -> binding.unbind().thenApply(done -> Done.getInstance()));
        wiring.bound().complete(binding);
        return Behaviors.same();
    }

    private static Behavior<Command> dataBound(ActorContext<Command> context, ServerBinding binding, Wiring wiring) {
        context.getLog().info("data plane GET /chunk/<cid> on https://{}:{} (mutual TLS)", binding.localAddress().getHostString(),
                binding.localAddress().getPort());
        // Same phase as the probes: no new fragment reads start once shutdown begins; the store closes much later.
        CoordinatedShutdown.get(context.getSystem()).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "kwam-data-unbind",
                () -> binding.unbind().thenApply(done -> Done.getInstance()));
        wiring.dataBound().complete(binding);
        return Behaviors.same();
    }
}
