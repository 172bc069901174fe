package dev.kwam.node.grpc;

import dev.kwam.codec.Cid;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.jhmm.BudgetChange;
import dev.kwam.node.grpc.v1.ClusterState;
import dev.kwam.node.grpc.v1.ClusterStatusRequest;
import dev.kwam.node.grpc.v1.Kwam;
import dev.kwam.node.grpc.v1.KwamHandlerFactory;
import dev.kwam.node.grpc.v1.ListObjectsRequest;
import dev.kwam.node.grpc.v1.ObjectList;
import dev.kwam.node.grpc.v1.ObjectStat;
import dev.kwam.node.grpc.v1.ProtectRequest;
import dev.kwam.node.grpc.v1.ProtectResult;
import dev.kwam.node.grpc.v1.RecoverReply;
import dev.kwam.node.grpc.v1.RecoverRequest;
import dev.kwam.node.grpc.v1.StatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * kwam.proto's {@code Kwam} service over the node's public actor: every call is one ask of
 * {@link KwamNode}'s protocol with a timeout, its reply translated by {@link ProtoMessages} and its
 * refusals by {@link GrpcErrors}. Nothing here reads or writes fragments; bytes stream through.
 */
public final class KwamGrpcService implements Kwam {
    /** Stat, ListObjects, ClusterStatus, and Recover until its stream starts. */
    public static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
    /** Protect replies only once the whole upload is durable: room for a large object over a slow link. */
    public static final Duration PROTECT_TIMEOUT = Duration.ofHours(6);
    /** Recover's data messages stay well under gRPC's default 4 MiB message limit, whatever chunks the node emits. */
    static final int MAX_DATA_MESSAGE = 512 * 1024;
    static final int DEFAULT_LIST_LIMIT = 1000;
    static final int MAX_LIST_LIMIT = 10_000;

    private final ActorRef<KwamNode.Command> node;
    private final ActorSystem<?> system;
    private final Duration askTimeout;
    private final Duration protectTimeout;
    /** Who calls and what allowed it, for the calls that record it ({@link GrpcCaller}); the service of a whole port has none. */
    private final Recorded caller;
    /** Where the calls that are audited write their record first; empty for a bare data port (tests). */
    private final Optional<AuditLog> audit;

    /**
     * The caller of a call that records it, and what allowed the call (the data port's grant check).
     *
     * @param caller    its SPIFFE ID, from the verified TLS session, or why it is not known
     * @param allowedBy the grant that allowed it, or {@code authorization: none (no policy)}
     */
    public record Recorded(String caller, String allowedBy) {
        static final Recorded UNKNOWN = new Recorded(GrpcCaller.UNKNOWN, "authorization: " + dev.kwam.node.authz.Authorizer.NONE);
    }

    public KwamGrpcService(ActorRef<KwamNode.Command> node, ActorSystem<?> system, Duration askTimeout, Duration protectTimeout) {
        this(node, system, askTimeout, protectTimeout, Recorded.UNKNOWN, Optional.empty());
    }

    public KwamGrpcService(ActorRef<KwamNode.Command> node, ActorSystem<?> system, Duration askTimeout, Duration protectTimeout,
            Recorded caller, Optional<AuditLog> audit) {
        this.node = node;
        this.system = system;
        this.askTimeout = askTimeout;
        this.protectTimeout = protectTimeout;
        this.caller = caller;
        this.audit = audit;
    }

    /** The HTTP handler the data port mounts; failures that escape the service still end as KWAM statuses. */
    public static org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler(ActorRef<KwamNode.Command> node, ActorSystem<?> system) {
        KwamGrpcService service = new KwamGrpcService(node, system, ASK_TIMEOUT, PROTECT_TIMEOUT);
        return KwamHandlerFactory.create(service, classic -> GrpcErrors::trailers, system);
    }

    /**
     * A handler for one request of a call that records who made it ({@link GrpcCaller#records}): pekko-grpc's
     * generated service methods see only the request message, so the caller is bound to a service made for it.
     */
    public static org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler(ActorRef<KwamNode.Command> node,
            ActorSystem<?> system, Recorded caller, Optional<AuditLog> audit) {
        KwamGrpcService service = new KwamGrpcService(node, system, ASK_TIMEOUT, PROTECT_TIMEOUT, caller, audit);
        return KwamHandlerFactory.create(service, classic -> GrpcErrors::trailers, system);
    }

    @Override
    public CompletionStage<ProtectResult> protect(Source<ProtectRequest, NotUsed> in) {
        CompletionStage<ProtectResult> result = ProtectUpload.of(in, system).thenCompose(upload -> AskPattern
                .<KwamNode.Command, KwamNode.ProtectReply>ask(node,
                        replyTo -> new KwamNode.Protect(upload.data(), upload.codec(), replyTo), protectTimeout, system.scheduler())
                .thenApply(reply -> {
                    if (upload.refused().isPresent()) {
                        throw upload.refused().get();
                    }
                    return reply;
                })
                .thenApply(answer(KwamNode.Protected.class, ProtoMessages::toProto)));
        return mapped("Protect", result);
    }

    @Override
    public Source<RecoverReply, NotUsed> recover(RecoverRequest in) {
        Cid cid;
        try {
            cid = cid("Recover", in.getObject());
        } catch (GrpcServiceException e) {
            return Source.failed(e);
        }
        CompletionStage<Source<RecoverReply, NotUsed>> stream = AskPattern
                .<KwamNode.Command, KwamNode.RecoverReply>ask(node, replyTo -> new KwamNode.Recover(cid, replyTo), askTimeout,
                        system.scheduler())
                .thenApply(reply -> {
                    if (reply instanceof KwamNode.Recovering recovering) {
                        RecoverReply head = RecoverReply.newBuilder().setObject(ProtoMessages.toProto(recovering.object())).build();
                        return Source.single(head).concat(recovering.bytes().mapConcat(KwamGrpcService::pieces)
                                .map(piece -> RecoverReply.newBuilder().setData(
                                        com.google.protobuf.ByteString.copyFrom(piece.asByteBuffer())).build()));
                    }
                    return Source.<RecoverReply>failed(GrpcErrors.of((KwamNode.Failed) reply));
                });
        // A stream that fails after bytes went out still ends with an error status: the client discards what it got.
        return Source.completionStageSource(stream)
                .mapError(Throwable.class, failure -> GrpcErrors.fromFailure("Recover " + cid, failure))
                .mapMaterializedValue(ignored -> NotUsed.getInstance());
    }

    @Override
    public CompletionStage<ObjectStat> stat(StatRequest in) {
        try {
            Cid cid = cid("Stat", in.getObject());
            return mapped("Stat", AskPattern.<KwamNode.Command, KwamNode.StatReply>ask(node,
                    replyTo -> new KwamNode.Stat(cid, replyTo), askTimeout, system.scheduler())
                    .thenApply(answer(KwamNode.ObjectStat.class, ProtoMessages::toProto)));
        } catch (GrpcServiceException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<ObjectList> listObjects(ListObjectsRequest in) {
        long requested = Integer.toUnsignedLong(in.getLimit());
        if (requested > MAX_LIST_LIMIT) {
            return CompletableFuture.failedFuture(GrpcErrors.invalidArgument(
                    "ListObjects: limit " + requested + " is above the maximum of " + MAX_LIST_LIMIT));
        }
        int limit = requested == 0 ? DEFAULT_LIST_LIMIT : (int) requested;
        Optional<Cid> after;
        try {
            after = in.getAfter().isEmpty() ? Optional.empty() : Optional.of(cid("ListObjects after", in.getAfter()));
        } catch (GrpcServiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        return mapped("ListObjects", AskPattern.<KwamNode.Command, KwamNode.ObjectList>ask(node,
                replyTo -> new KwamNode.ListObjects(limit, after, replyTo), askTimeout, system.scheduler()).thenApply(ProtoMessages::toProto));
    }

    @Override
    public CompletionStage<ClusterState> clusterStatus(ClusterStatusRequest in) {
        return mapped("ClusterStatus", AskPattern.<KwamNode.Command, KwamNode.ClusterState>ask(node,
                KwamNode.ClusterStatus::new, askTimeout, system.scheduler()).thenApply(ProtoMessages::toProto));
    }

    @Override
    public CompletionStage<dev.kwam.node.grpc.v1.RepairReport> repairs(dev.kwam.node.grpc.v1.RepairsRequest in) {
        return mapped("Repairs", AskPattern.<KwamNode.Command, KwamNode.RepairsReply>ask(node, KwamNode.Repairs::new, askTimeout,
                system.scheduler()).thenApply(answer(KwamNode.RepairReport.class, report -> RepairMessages.toProto(report.status()))));
    }

    @Override
    public CompletionStage<dev.kwam.node.grpc.v1.RepairReport> adjustRepairBudget(dev.kwam.node.grpc.v1.RepairBudgetRequest in) {
        BudgetChange change = RepairMessages.change(in, caller.caller());
        List<String> refusals = change.refusals();
        Executor blockingIo = system.dispatchers().lookup(DispatcherSelector.blocking());
        return mapped("AdjustRepairBudget", BudgetAudit.write(audit, change, refusals, caller.allowedBy(), blockingIo).thenCompose(recorded -> {
            if (!refusals.isEmpty()) {
                throw GrpcErrors.of(KwamNode.ErrorCode.INVALID_ARGUMENT,
                        "AdjustRepairBudget: repair budget not changed: " + String.join("; ", refusals), refusals);
            }
            return AskPattern.<KwamNode.Command, KwamNode.RepairsReply>ask(node,
                    replyTo -> new KwamNode.AdjustRepairBudget(change, replyTo), askTimeout, system.scheduler())
                    .thenApply(answer(KwamNode.RepairReport.class,
                            report -> RepairMessages.toProto(report.status(), report.budgetReplicated())));
        }));
    }

    @Override
    public CompletionStage<dev.kwam.node.grpc.v1.DurabilityReport> durability(dev.kwam.node.grpc.v1.DurabilityRequest in) {
        return mapped("Durability", AskPattern.<KwamNode.Command, KwamNode.DurabilityReply>ask(node, KwamNode.Durability::new, askTimeout,
                system.scheduler()).thenApply(answer(KwamNode.DurabilityReport.class, report -> DurabilityMessages.toProto(report.risk()))));
    }

    /**
     * A node reply as its proto: {@code success} converted, anything else is the reply's {@link KwamNode.Failed} as
     * a KWAM status (every reply type of the protocol is its success record or Failed).
     */
    private static <R, S extends R, T> Function<R, T> answer(Class<S> success, Function<S, T> toProto) {
        return reply -> {
            if (success.isInstance(reply)) {
                return toProto.apply(success.cast(reply));
            }
            throw GrpcErrors.of((KwamNode.Failed) reply);
        };
    }

    /** A strict cid, or INVALID_ARGUMENT: request text never reaches the node unparsed. */
    private static Cid cid(String call, String text) {
        return Cid.tryParse(text).orElseThrow(() -> GrpcErrors.invalidArgument(call + ": '"
                + (text.length() > 80 ? text.substring(0, 80) + "..." : text)
                + "' is not a content id (expected sha256: followed by 64 lowercase hex digits)"));
    }

    /** Completes with the reply, or fails with a KWAM status rather than a wrapped exception. */
    private static <T> CompletionStage<T> mapped(String call, CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(GrpcErrors.fromFailure(call, failure));
            }
        });
        return out;
    }

    static List<ByteString> pieces(ByteString bytes) {
        if (bytes.size() <= MAX_DATA_MESSAGE) {
            return bytes.isEmpty() ? List.of() : List.of(bytes);
        }
        List<ByteString> pieces = new ArrayList<>(bytes.size() / MAX_DATA_MESSAGE + 1);
        for (int from = 0; from < bytes.size(); from += MAX_DATA_MESSAGE) {
            pieces.add(bytes.slice(from, Math.min(bytes.size(), from + MAX_DATA_MESSAGE)));
        }
        return pieces;
    }
}
