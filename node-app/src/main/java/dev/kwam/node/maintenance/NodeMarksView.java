package dev.kwam.node.maintenance;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the fleet's node marks, for the placer, which must decide without waiting: read
 * through consensus every {@link #REFRESH} and at once after a change made here. Between reads it may lag
 * a mark made on another node by that long — a fragment may still land on a node cordoned a moment ago,
 * which cordoning does not promise against (a drain re-places whatever is there).
 */
public final class NodeMarksView {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMarksView.class);
    public static final Duration REFRESH = Duration.ofSeconds(2);
    static final Duration FRESH_WAIT = Duration.ofSeconds(2);

    private final AtomicReference<Map<String, NodeMark>> marks = new AtomicReference<>(Map.of());
    /** When the last change made here was taken: a periodic read begun before it carries older marks and is dropped. */
    private final AtomicLong updatedAtNanos = new AtomicLong(System.nanoTime());
    private final Supplier<CompletionStage<Map<String, NodeMark>>> read;

    private NodeMarksView(Supplier<CompletionStage<Map<String, NodeMark>>> read) {
        this.read = read;
    }

    /** A view refreshed from {@code read} until {@code system} stops; the returned handle cancels the refresh. */
    public static NodeMarksView start(ActorSystem<?> system, Supplier<CompletionStage<Map<String, NodeMark>>> read) {
        NodeMarksView view = new NodeMarksView(read);
        Cancellable refresh = system.scheduler().scheduleAtFixedRate(Duration.ZERO, REFRESH, view::refresh, system.executionContext());
        system.getWhenTerminated().thenRun(refresh::cancel);
        return view;
    }

    /** No marks, ever: a node without consensus (a bare data port in tests). */
    public static NodeMarksView none() {
        return new NodeMarksView(() -> java.util.concurrent.CompletableFuture.completedFuture(Map.of()));
    }

    public Map<String, NodeMark> marks() {
        return marks.get();
    }

    /** The nodes that receive no new fragments. */
    public Set<String> unplaceable() {
        return marks.get().keySet();
    }

    /** Takes {@code latest} at once: the answer of a change made through this node. */
    public void update(Map<String, NodeMark> latest) {
        marks.set(Map.copyOf(latest));
        updatedAtNanos.set(System.nanoTime());
    }

    /**
     * The marks as consensus holds them now, for a decision that must not lag (the JHMM's fleet); the last ones read
     * when consensus does not answer within {@link #FRESH_WAIT}, since a repair plan must go on without it.
     */
    public CompletionStage<Map<String, NodeMark>> fresh() {
        long began = System.nanoTime();
        return read.get().toCompletableFuture().orTimeout(FRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS).handle((latest, failure) -> {
            if (failure != null) {
                LOG.debug("node marks not read (using the last ones): {}", failure.getMessage());
                return marks.get();
            }
            take(began, latest);
            return Map.copyOf(latest);
        });
    }

    private void refresh() {
        long began = System.nanoTime();
        read.get().whenComplete((latest, failure) -> {
            if (failure == null) {
                take(began, latest);
            } else {
                LOG.debug("node marks not refreshed (kept the last ones read): {}", failure.getMessage());
            }
        });
    }

    /** Keeps a read's marks unless a change made here since the read began is newer (a read is linearizable from its start). */
    private void take(long began, Map<String, NodeMark> latest) {
        if (began - updatedAtNanos.get() > 0) {
            marks.set(Map.copyOf(latest));
        }
    }
}
