package dev.kwam.node.dataplane;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.node.audit.AuditException;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.audit.AuditRecord;
import dev.kwam.node.authz.AccessTable;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.authz.Caller;
import dev.kwam.node.authz.Decision;
import dev.kwam.node.authz.Requirement;
import dev.kwam.node.grpc.GrpcDenial;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grant check in front of every route of the data port ({@link AccessTable} says what each call needs): a
 * refused gRPC call ends PERMISSION_DENIED, a refused HTTP call 403 with the {@link ErrorBody}, both naming the
 * missing capability, the caller's SPIFFE ID and the grant to add. A refusal is on disk in the audit log before the
 * answer goes out; so is an allowed call the table marks audited, before it runs.
 */
final class GrantGate extends AllDirectives {
    static final String AUDIT_KIND = "grant-decision";
    private static final Logger LOG = LoggerFactory.getLogger(GrantGate.class);

    private final Authorizer authorizer;
    private final MutualTls tls;
    private final Optional<AuditLog> audit;
    private final Executor blockingIo;
    private final ActorSystem<?> system;

    GrantGate(Authorizer authorizer, MutualTls tls, Optional<AuditLog> audit, Executor blockingIo, ActorSystem<?> system) {
        this.authorizer = authorizer;
        this.tls = tls;
        this.audit = audit;
        this.blockingIo = blockingIo;
        this.system = system;
    }

    Route guard(Route inner) {
        if (authorizer instanceof Authorizer.NoPolicy && audit.isEmpty()) {
            return inner; // nothing to refuse and nowhere to record: a bare port in tests
        }
        return extractRequest(request -> {
            String method = request.method().value();
            String path = request.getUri().path();
            Optional<Requirement> requirement = AccessTable.of(method, path);
            if (authorizer instanceof Authorizer.NoPolicy && !requirement.map(Requirement::audited).orElse(false)) {
                return inner; // allowed, and not a call whose allowed decision is recorded
            }
            Caller caller = Caller.of(request, tls);
            Decision decision;
            if (requirement.isEmpty()) {
                decision = authorizer.unlisted(method + " " + path);
            } else if (caller.id().isEmpty()) {
                decision = authorizer.unidentified(requirement.get(), caller.label());
            } else {
                decision = authorizer.decide(caller.id().get(), requirement.get());
            }
            String call = requirement.map(Requirement::call).orElse(method + " " + path);
            if (decision instanceof Decision.Denied denied) {
                return completeWithFuture(record(new AuditRecord(AUDIT_KIND, caller.label(), call, resource(path), "denied",
                        denied.reason())).thenCompose(written -> refuse(request, denied)));
            }
            if (requirement.isPresent() && requirement.get().audited()) {
                AuditRecord allowed = new AuditRecord(AUDIT_KIND, caller.label(), call, resource(path), "allowed",
                        ((Decision.Allowed) decision).by());
                return onSuccess(record(allowed), written -> inner);
            }
            return inner;
        });
    }

    /**
     * Completes once the record is on disk. A refusal whose record cannot be written is still refused (refusing is
     * the safe side) and logged; an audited call whose record cannot be written does not run.
     */
    private CompletionStage<Boolean> record(AuditRecord record) {
        if (audit.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                audit.get().append(record);
                return true;
            } catch (AuditException e) {
                LOG.error("the audit record of {} {} by {} could not be written: {}: {}", record.decision(), record.action(),
                        record.actor(), e.what(), e.why());
                if (record.decision().equals("allowed")) {
                    throw new java.util.concurrent.CompletionException(e);
                }
                return false;
            }
        }, blockingIo);
    }

    private CompletionStage<HttpResponse> refuse(HttpRequest request, Decision.Denied denied) {
        LOG.warn("refused: {}", denied.reason());
        if (request.getUri().path().startsWith(AccessTable.GRPC_PREFIX)) {
            return GrpcDenial.permissionDenied(request, denied.message(), denied.fix(), system);
        }
        return CompletableFuture.completedFuture(ChunkRoutes.error(403, denied.message(), resource(request.getUri().path())));
    }

    /** What the call was made of: the cid of a chunk or manifest, this node (its SPIFFE ID) for a gRPC call. */
    private String resource(String path) {
        int slash = path.lastIndexOf('/');
        if (path.startsWith(AccessTable.GRPC_PREFIX) || slash <= 0) {
            return tls.node().id().toString();
        }
        String last = path.substring(slash + 1);
        return last.length() > ErrorBody.MAX_ECHO ? last.substring(0, ErrorBody.MAX_ECHO) + "..." : last;
    }
}
