package dev.kwam.node.dataplane;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ManifestStore;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * Binds the data port: {@link ChunkRoutes} over HTTPS with mutual TLS. Every connection gets a fresh
 * server engine from {@link MutualTls#serverEngine()}, which requires a client certificate chaining
 * to this node's CA and carrying a SPIFFE ID of its trust domain, so a peer without one is refused
 * in the handshake and never reaches a route.
 */
public final class DataPlaneServer {
    /** The dispatcher for store reads, from actors-core's reference.conf. */
    public static final String BLOCKING_IO_DISPATCHER = "kwam.blocking-io-dispatcher";

    /** What the data port needs: where to listen, whom to trust, what to serve. */
    public record Wiring(String host, int port, MutualTls tls, FragmentStore store, ManifestStore manifests) {
    }

    private DataPlaneServer() {
    }

    public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, Wiring wiring) {
        Executor blockingIo = system.dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING_IO_DISPATCHER));
        ChunkRoutes routes = new ChunkRoutes(wiring.store(), blockingIo);
        ManifestRoutes manifests = new ManifestRoutes(wiring.manifests(), blockingIo);
        return Http.get(system).newServerAt(wiring.host(), wiring.port())
                .enableHttps(httpsServer(wiring.tls()))
                .bind(routes.concat(routes.routes(), manifests.routes()));
    }

    static HttpsConnectionContext httpsServer(MutualTls tls) {
        // serverEngine(): server mode, needClientAuth, the KWAM protocol and suite list; one per connection.
        return ConnectionContext.httpsServer(tls::serverEngine);
    }
}
