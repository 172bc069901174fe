package dev.kwam.node.grpc;

import dev.kwam.jhmm.BudgetChange;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.audit.AuditException;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.audit.AuditRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The audit record of a repair-budget change asked over gRPC, written before the change is applied or
 * refused (issue 11: "fsync'd before the action proceeds"). The append fsyncs, so it runs on the blocking
 * dispatcher; if it fails, the change is not made.
 */
final class BudgetAudit {
    static final String ACTION = "repair-budget.adjust";
    /** The budget is the cluster's, replicated to every member, not this node's. */
    static final String RESOURCE = "cluster";

    private BudgetAudit() {
    }

    /** Completes once the record is on disk (at once when the node keeps no audit log: a bare data port in tests). */
    static CompletionStage<Void> write(Optional<AuditLog> audit, BudgetChange change, List<String> refusals, String allowedBy,
            Executor blockingIo) {
        if (audit.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        AuditRecord record = recordOf(change, refusals, allowedBy);
        return CompletableFuture.runAsync(() -> {
            try {
                audit.get().append(record);
            } catch (AuditException e) {
                throw new CompletionException(GrpcErrors.of(KwamNode.ErrorCode.INTERNAL,
                        "AdjustRepairBudget: repair budget not changed: " + e.what() + ": " + e.why(),
                        List.of(e.where().orElse(""), e.fix())));
            }
        }, blockingIo);
    }

    /** {@code allowedBy}: the grant the data port's check found ({@code authorization: none (no policy)} without one). */
    static AuditRecord recordOf(BudgetChange change, List<String> refusals, String allowedBy) {
        if (!refusals.isEmpty()) {
            return new AuditRecord("refusal", change.setBy(), ACTION, RESOURCE, "refused", String.join("; ", refusals));
        }
        return new AuditRecord("gated-action", change.setBy(), ACTION, RESOURCE, "allowed", describe(change) + "; " + allowedBy);
    }

    private static String describe(BudgetChange change) {
        if (change.reset()) {
            return "reset to the configured limits";
        }
        StringBuilder b = new StringBuilder();
        change.maxConcurrentStripes().ifPresent(n -> b.append("max concurrent stripes ").append(n));
        if (change.unlimitedBandwidth()) {
            b.append(b.length() > 0 ? ", " : "").append("bandwidth unlimited");
        }
        change.bytesPerSecond().ifPresent(r -> b.append(b.length() > 0 ? ", " : "").append("bandwidth ").append(r).append(" B/s"));
        return b.toString();
    }
}
