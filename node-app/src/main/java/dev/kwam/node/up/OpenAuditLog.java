package dev.kwam.node.up;

import dev.kwam.node.audit.AuditException;
import dev.kwam.node.audit.AuditLog;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's audit log while it is open (docs/security.md). Like the store, it closes after everything
 * that may still append to it has stopped, which releases its one-writer lock for the next start.
 */
final class OpenAuditLog implements Subsystem {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAuditLog.class);

    private final AuditLog log;

    private OpenAuditLog(AuditLog log) {
        this.log = log;
    }

    static OpenAuditLog open(PreparedNode node) throws StartupException {
        try {
            AuditLog log = AuditLog.open(node.data(), node.identity());
            LOG.info("audit log {} open at seq {}", log.file(), log.lastSeq());
            return new OpenAuditLog(log);
        } catch (AuditException e) {
            throw new StartupException(e.what(), e.where().orElse(node.data().toString()), e.why(), e.fix(), e);
        }
    }

    AuditLog log() {
        return log;
    }

    @Override
    public String name() {
        return "close-audit-log";
    }

    @Override
    public String stopPhase() {
        return CoordinatedShutdown.PhaseBeforeActorSystemTerminate();
    }

    @Override
    public CompletionStage<Done> stop() {
        try {
            log.close();
            LOG.info("audit log {} closed", log.file());
        } catch (IOException e) {
            LOG.error("closing the audit log {} failed", log.file(), e);
        }
        return CompletableFuture.completedFuture(Done.getInstance());
    }
}
