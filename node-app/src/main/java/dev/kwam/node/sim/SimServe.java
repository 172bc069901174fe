package dev.kwam.node.sim;

import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.FleetSimulation;
import dev.kwam.hud.ApiRoutes;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * {@code kwam sim --serve PORT}: the HUD's page and API on loopback, over a modeled fleet that the simulation runs at
 * {@code pace} simulated hours per wall-clock second. Loopback only: the page shows no real node, and binding elsewhere
 * would need the TLS and credential a node's HUD needs (docs/hud-plan.md).
 */
public final class SimServe {
    private SimServe() {
    }

    /** Serves until the process stops; {@code done} receives the result when the simulated time is over. */
    public static ServerBinding serve(SimInputs inputs, FleetSimulation.Fleet fleet, long seed, int port, double pace,
            DurabilityEstimate model, PrintWriter out, Consumer<FleetSimulation.Result> done) {
        SimHudData data = new SimHudData(new SimFleet(fleet), inputs, model, Clock.systemUTC());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kwam-sim");
        ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", port).bind(new ApiRoutes(data, Clock.systemUTC()).routes())
                .toCompletableFuture().join();
        out.printf("serving the modeled fleet (%d nodes, MODELED, simulated) on http://127.0.0.1:%d/ at %s simulated hour(s) per "
                + "second; Ctrl-C stops it%n", fleet.nodes(), binding.localAddress().getPort(), SimInputs.trim(pace));
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(system::terminate, "kwam-sim-stop"));
        CompletableFuture.runAsync(() -> done.accept(FleetSimulation.run(fleet, seed, new Paced(data, pace))),
                r -> new Thread(r, "kwam-sim-run").start());
        return binding;
    }

    /** Holds the simulating thread back so that simulated time runs at {@code pace} hours per second of wall time. */
    private static final class Paced implements FleetSimulation.Listener {
        private final FleetSimulation.Listener to;
        private final double nanosPerHour;
        private final long start = System.nanoTime();

        Paced(FleetSimulation.Listener to, double pace) {
            this.to = to;
            this.nanosPerHour = 1e9 / pace;
        }

        private void at(double hour) {
            long due = start + (long) (hour * nanosPerHour);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void nodeDown(double hour, int node) {
            at(hour);
            to.nodeDown(hour, node);
        }

        @Override
        public void nodeUp(double hour, int node) {
            at(hour);
            to.nodeUp(hour, node);
        }

        @Override
        public void rackDown(double hour, int rack) {
            at(hour);
            to.rackDown(hour, rack);
        }

        @Override
        public void rackUp(double hour, int rack) {
            at(hour);
            to.rackUp(hour, rack);
        }

        @Override
        public void lost(double hour, double expected) {
            to.lost(hour, expected);
        }
    }
}
