package dev.kwam.node.maintenance;

import dev.kwam.node.audit.AuditException;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.audit.AuditRecord;
import dev.kwam.node.consent.AgreedState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drain's progress, and its end: a node marked draining is marked drained the first time its progress is read
 * and the census places no fragment on it any more. Read by the operator's {@code kwam node drain} (which polls)
 * and by the draining node itself ({@link #watch}), so the mark turns even when no one is watching.
 */
public final class Drains {
    private static final Logger LOG = LoggerFactory.getLogger(Drains.class);
    /** Who a completed drain is recorded as done by: the fleet itself, on the census's word. */
    static final String COMPLETED_BY = "kwam (drain complete: the census places no fragment on it)";
    /**
     * How long a drain runs before "nothing left" is believed: placers learn the mark within NodeMarksView.REFRESH
     * (2 s), so a protect may still land a fragment there just after the mark, and the census gossips its slot to
     * this node's replica a few seconds later. A count of 0 read sooner could call a node empty that is not.
     */
    static final Duration SETTLE = Duration.ofSeconds(10);

    /** Where a node's drain stands: its mark (none while in service) and the fragments the census still places there. */
    public record Progress(String node, Optional<NodeMark> mark, int remaining) {
        public String state() {
            return mark.map(m -> m.state().word()).orElse("in service");
        }
    }

    private final AgreedState state;
    private final FleetMaintenance fleet;
    private final NodeMarksView view;
    private final Optional<AuditLog> audit;
    private final Executor blockingIo;

    public Drains(AgreedState state, FleetMaintenance fleet, NodeMarksView view, Optional<AuditLog> audit, Executor blockingIo) {
        this.state = state;
        this.fleet = fleet;
        this.view = view;
        this.audit = audit;
        this.blockingIo = blockingIo;
    }

    /** The marks as consensus holds them now. */
    public CompletionStage<Map<String, NodeMark>> marks() {
        return state.nodeMarks();
    }

    /** Has the JHMM move what {@code node} holds now, not at its next sweep. */
    public void started(String node, Map<String, NodeMark> marks) {
        view.update(marks);
        fleet.sweepNow("node " + node + " is draining");
    }

    /** {@code node}'s progress; a draining node with nothing left is marked drained first (audited). */
    public CompletionStage<Progress> progress(String node) {
        return state.nodeMarks().thenCompose(marks -> progress(node, marks));
    }

    /** As {@link #progress(String)}, with the marks the caller has just read or written through consensus. */
    public CompletionStage<Progress> progress(String node, Map<String, NodeMark> marks) {
        return fleet.fragmentsOn(node).thenCompose(remaining -> {
            Optional<NodeMark> mark = Optional.ofNullable(marks.get(node));
            boolean done = remaining == 0 && mark.map(m -> m.state() == NodeMark.State.DRAINING
                    && m.at().plus(SETTLE).isBefore(Instant.now())).orElse(false);
            if (!done) {
                return CompletableFuture.completedFuture(new Progress(node, mark, remaining));
            }
            return recordCompletion(node).thenCompose(x -> state.markNode(node, NodeMark.State.DRAINED, COMPLETED_BY, ""))
                    .thenApply(latest -> {
                        view.update(latest);
                        LOG.info("node {} drained: the census places no fragment on it; it may be stopped", node);
                        return new Progress(node, Optional.ofNullable(latest.get(node)), 0);
                    });
        });
    }

    private CompletionStage<Void> recordCompletion(String node) {
        AuditRecord record = new AuditRecord("gated-action", COMPLETED_BY, "node.drained", "node." + node, "allowed",
                "every fragment it held is confirmed on another node");
        return audit.map(log -> CompletableFuture.runAsync(() -> {
            try {
                log.append(record);
            } catch (AuditException e) {
                throw new IllegalStateException("the drain of " + node + " is complete but not marked: the audit record could not be "
                        + "written: " + e.why(), e);
            }
        }, blockingIo)).orElse(CompletableFuture.completedFuture(null));
    }

    /**
     * Checks {@code self}'s own drain every {@code every} while {@code system} runs: a node being drained turns its
     * mark to drained itself once the census places nothing on it.
     */
    public void watch(ActorSystem<?> system, String self, Duration every) {
        Cancellable tick = system.scheduler().scheduleAtFixedRate(every, every, () -> {
            NodeMark mine = view.marks().get(self);
            if (mine != null && mine.state() == NodeMark.State.DRAINING) {
                progress(self).whenComplete((p, failure) -> {
                    if (failure != null) {
                        LOG.debug("drain of {} not checked: {}", self, failure.getMessage());
                    } else if (p.remaining() > 0) {
                        LOG.info("draining: {} fragment(s) still placed on this node", p.remaining());
                    }
                });
            }
        }, system.executionContext());
        system.getWhenTerminated().thenRun(tick::cancel);
    }
}
