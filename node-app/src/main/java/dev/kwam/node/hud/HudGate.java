package dev.kwam.node.hud;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.audit.AuditException;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.audit.AuditRecord;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.authz.Caller;
import dev.kwam.node.authz.Decision;
import dev.kwam.node.authz.Requirement;
import dev.kwam.node.json.JsonText;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HUD off loopback: its page, {@code /api/…} and {@code /metrics} answer only a caller whose client certificate
 * the port's TLS verified against the fleet's CA, and, with a policy, whose SPIFFE ID holds {@code read}. The HUD has
 * no control action, so {@code read} is all it needs. Without a certificate: 401; without the grant: 403 naming the
 * caller and the capability, written to the audit log first. docs/api.md, "Off loopback".
 */
public final class HudGate extends AllDirectives {
    static final Requirement READ_HUD = new Requirement("GET the HUD (page, /api, /metrics)", EnumSet.of(Capability.READ), false);
    private static final String AUDIT_KIND = "grant-decision";
    private static final Logger LOG = LoggerFactory.getLogger(HudGate.class);

    private final Authorizer authorizer;
    private final MutualTls tls;
    private final Optional<AuditLog> audit;
    private final Executor blockingIo;

    public HudGate(Authorizer authorizer, MutualTls tls, Optional<AuditLog> audit, Executor blockingIo) {
        this.authorizer = authorizer;
        this.tls = tls;
        this.audit = audit;
        this.blockingIo = blockingIo;
    }

    public Route guard(Route hud) {
        return extractRequest(request -> {
            Caller caller = Caller.of(request, tls);
            String path = request.getUri().path();
            if (caller.id().isEmpty()) {
                return complete(error(401, "the HUD off loopback needs a client certificate of the fleet's CA: " + caller.label(),
                        "present one (curl --cert/--key, a browser's imported certificate, Prometheus's tls_config), or reach "
                                + "the HUD through an SSH tunnel to a loopback --metrics-host"));
            }
            Decision decision = authorizer.decide(caller.id().get(), READ_HUD);
            if (decision instanceof Decision.Denied denied) {
                LOG.warn("refused: {}", denied.reason());
                return completeWithFuture(CompletableFuture.runAsync(() -> record(caller, path, denied), blockingIo)
                        .thenApply(done -> error(403, denied.message(), denied.fix())));
            }
            return hud;
        });
    }

    private void record(Caller caller, String path, Decision.Denied denied) {
        if (audit.isEmpty()) {
            return;
        }
        try {
            audit.get().append(new AuditRecord(AUDIT_KIND, caller.label(), READ_HUD.call(), path, "denied", denied.reason()));
        } catch (AuditException e) {
            // Refusing is the safe side: the answer stays a refusal, and the lost record is said in the log.
            LOG.error("the audit record of a refused HUD read by {} could not be written: {}: {}", caller.label(), e.what(), e.why());
        }
    }

    private static HttpResponse error(int status, String message, String fix) {
        StringBuilder body = new StringBuilder("{\"error\":");
        JsonText.quote(body, message);
        body.append(",\"fix\":");
        JsonText.quote(body, fix);
        body.append('}');
        return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, body.toString());
    }
}
