package dev.kwam.node.up;

import dev.kwam.node.cluster.MembershipWatcher;
import dev.kwam.node.health.HealthRoutes;
import dev.kwam.node.health.ReadinessCheck;
import dev.kwam.node.store.StoreSnapshot;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
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
 * The root of {@code kwam up}'s ActorSystem: the membership log, the readiness check over cluster,
 * census registration and store, and the metrics port's HTTP server. The launcher learns the outcome
 * of the bind through {@code bound}, so a port that cannot be bound fails {@code kwam up} instead of
 * leaving a node nobody can probe. The node itself (census, node actor, data port) is started by
 * {@link dev.kwam.node.api.NodeRuntime}, the one path {@code kwam up} and embedded nodes share.
 */
public final class Guardian {

    public sealed interface Command permits HttpBound, HttpFailed {
    }

    private record HttpBound(ServerBinding binding) implements Command {
    }

    private record HttpFailed(Throwable cause) implements Command {
    }

    /** What the guardian needs from the launcher. */
    public record Wiring(String metricsHost, int metricsPort, Supplier<Optional<StoreSnapshot>> store, String joining,
            CompletableFuture<ServerBinding> bound, BooleanSupplier registered) {
    }

    private Guardian() {
    }

    public static Behavior<Command> create(Wiring wiring) {
        return Behaviors.setup(context -> {
            context.spawn(MembershipWatcher.create(), "membership");
            Cluster cluster = Cluster.get(context.getSystem());
            HealthRoutes routes = new HealthRoutes(new ReadinessCheck(cluster, wiring.store(), wiring.joining(), wiring.registered()), cluster);
            context.pipeToSelf(Http.get(context.getSystem()).newServerAt(wiring.metricsHost(), wiring.metricsPort())
                            .bind(routes.routes()),
                    (binding, failure) -> failure == null ? new HttpBound(binding) : new HttpFailed(failure));
            return Behaviors.receive(Command.class)
                    .onMessage(HttpBound.class, b -> bound(context, b.binding(), wiring))
                    .onMessage(HttpFailed.class, f -> {
                        wiring.bound().completeExceptionally(f.cause());
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
}
