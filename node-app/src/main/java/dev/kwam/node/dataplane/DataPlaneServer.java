package dev.kwam.node.dataplane;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.authz.AccessTable;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.authz.Caller;
import dev.kwam.node.authz.Decision;
import dev.kwam.node.grpc.GrpcCaller;
import dev.kwam.node.grpc.KwamGrpcService;
import dev.kwam.node.grpc.AdminGrpcService;
import dev.kwam.node.grpc.v1.Kwam;
import dev.kwam.node.grpc.v1.KwamAdmin;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ManifestStore;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;

/**
 * Binds the data port: {@link ChunkRoutes} and, once the node's public actor is wired in, the gRPC
 * API of kwam.proto ({@link KwamGrpcService}), both over HTTPS with mutual TLS. Every connection gets
 * a fresh server engine from {@link MutualTls#serverEngine()}, which requires a client certificate
 * chaining to this node's CA and carrying a SPIFFE ID of its trust domain, so a peer without one is
 * refused in the handshake and never reaches a route. HTTP/2 is negotiated by ALPN (gRPC needs it);
 * HTTP/1.1 clients of {@code /chunk} keep working on the same port. Every request then passes
 * {@link GrantGate}: the policy's grants decide what the verified caller may do.
 */
public final class DataPlaneServer {
    /** The dispatcher for store reads, from actors-core's reference.conf. */
    public static final String BLOCKING_IO_DISPATCHER = "kwam.blocking-io-dispatcher";
    private static final String ACCEPT_ENCODING = "grpc-accept-encoding";

    /**
     * What the data port needs: where to listen, whom to trust, what to serve. {@code node} is the
     * actor behind the gRPC API; without it the port serves {@code /chunk} only and gRPC calls are
     * answered UNIMPLEMENTED.
     */
    public record Wiring(String host, int port, MutualTls tls, FragmentStore store, ManifestStore manifests,
            Optional<ActorRef<KwamNode.Command>> node, Optional<DeleteGuard> deletes, Optional<AuditLog> audit,
            Authorizer authorizer, Optional<AdminGrpcService.Parts> admin) {
        public Wiring(String host, int port, MutualTls tls, FragmentStore store, ManifestStore manifests) {
            this(host, port, tls, store, manifests, Optional.empty(), Optional.empty(), Optional.empty(),
                    new Authorizer.NoPolicy(Authorizer.NONE), Optional.empty());
        }

        /** Serves admin.proto's KwamAdmin (pointers, trust roots, audit tail) over {@code parts}. */
        public Wiring withAdmin(AdminGrpcService.Parts parts) {
            return new Wiring(host, port, tls, store, manifests, node, deletes, audit, authorizer, Optional.of(parts));
        }

        public Wiring withNode(ActorRef<KwamNode.Command> node) {
            return new Wiring(host, port, tls, store, manifests, Optional.of(node), deletes, audit, authorizer, admin);
        }

        /** Serves {@code DELETE /chunk/{cid}} behind {@code guard}. */
        public Wiring withDeletes(DeleteGuard guard) {
            return new Wiring(host, port, tls, store, manifests, node, Optional.of(guard), audit, authorizer, admin);
        }

        /** Refusals, and the calls that are audited (AdjustRepairBudget, DELETE /chunk), are written to {@code log} first. */
        public Wiring withAudit(AuditLog log) {
            return new Wiring(host, port, tls, store, manifests, node, deletes, Optional.of(log), authorizer, admin);
        }

        /** Every call is checked against {@code grants} ({@link GrantGate}); without this, nothing is enforced. */
        public Wiring withAuthorizer(Authorizer grants) {
            return new Wiring(host, port, tls, store, manifests, node, deletes, audit, grants, admin);
        }
    }

    private DataPlaneServer() {
    }

    public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, Wiring wiring) {
        Executor blockingIo = system.dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING_IO_DISPATCHER));
        ChunkRoutes chunkRoutes = new ChunkRoutes(wiring.store(), blockingIo, wiring.deletes());
        Route chunks = chunkRoutes.concat(chunkRoutes.routes(), new ManifestRoutes(wiring.manifests(), blockingIo).routes());
        Route served = wiring.node().map(node -> withGrpc(chunks, node, wiring, system)).orElse(chunks);
        Route routes = new GrantGate(wiring.authorizer(), wiring.tls(), wiring.audit(), blockingIo, system).guard(served);
        // HTTP/2 for this port alone, whatever pekko.http.server.enable-http2 says: gRPC cannot run without it.
        // The TLS session rides on each request, so a call that records its caller reads the verified certificate.
        ServerSettings defaults = ServerSettings.create(system.settings().config());
        ServerSettings settings = defaults.withEnableHttp2(true)
                .withParserSettings(defaults.getParserSettings().withIncludeSslSessionAttribute(true));
        return Http.get(system).newServerAt(wiring.host(), wiring.port())
                .enableHttps(httpsServer(wiring.tls()))
                .withSettings(settings)
                .bind(routes);
    }

    /**
     * gRPC requests are POSTs to {@code /kwam.v1.Kwam/<Method>}; only that prefix reaches the gRPC
     * handler, so every other path keeps ChunkRoutes' own answers (404, 405) instead of a gRPC 404.
     */
    private static Route withGrpc(Route chunks, ActorRef<KwamNode.Command> node, Wiring wiring, ActorSystem<?> system) {
        AllDirectives d = new AllDirectives() {
        };
        var grpc = KwamGrpcService.handler(node, system);
        // Clients offer gzip by default (pekko-grpc, grpc-java) and the server would take it. What flows here is
        // erasure-coded, hash-verified object bytes that rarely compress, and deflate ran at ~15 MB/s on one core:
        // measured, it was the bottleneck of Recover. Without the offer, responses go out uncompressed.
        Route admin = wiring.admin().map(parts -> d.pathPrefix(KwamAdmin.name, () -> d.handle(request -> AdminGrpcService
                .handler(parts, Caller.of(request, wiring.tls()).id(), system).apply(request.removeHeader(ACCEPT_ENCODING)))))
                .orElseGet(d::reject);
        return d.concat(admin, d.pathPrefix(Kwam.name, () -> d.handle(request -> {
            HttpRequest call = request.removeHeader(ACCEPT_ENCODING);
            // A call that records who made it (AdjustRepairBudget) gets a service bound to its TLS peer.
            return GrpcCaller.records(call) ? KwamGrpcService.handler(node, system, recorded(call, wiring), wiring.audit()).apply(call)
                    : grpc.apply(call);
        })), chunks);
    }

    /** The caller of a call that records it, and what allowed it (the GrantGate already let it through). */
    private static KwamGrpcService.Recorded recorded(HttpRequest call, Wiring wiring) {
        Caller caller = Caller.of(call, wiring.tls());
        String path = call.getUri().path();
        Decision decision = caller.id().flatMap(id -> AccessTable.of("POST", path).map(r -> wiring.authorizer().decide(id, r)))
                .orElseGet(() -> wiring.authorizer().unlisted(path));
        return new KwamGrpcService.Recorded(caller.label(), decision instanceof Decision.Allowed allowed ? allowed.by() : "");
    }

    static HttpsConnectionContext httpsServer(MutualTls tls) {
        // serverEngine(): server mode, needClientAuth, the KWAM protocol and suite list; one per connection.
        return ConnectionContext.httpsServer(tls::serverEngine);
    }
}
