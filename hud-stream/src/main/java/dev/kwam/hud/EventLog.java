package dev.kwam.hud;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The node's recent events, numbered: the last {@code capacity} are kept (bounded memory), each with an id one
 * above the previous. A reader asks for what came after the last id it saw; when that id is older than the oldest
 * kept, or from before this log started (a restarted node numbers from 1 again), the answer says there is a
 * {@code gap}: the reader missed events and should read the current state again. Thread-safe.
 */
public final class EventLog {
    private final int capacity;
    private final ArrayDeque<HudEvent> kept = new ArrayDeque<>();
    private final List<Consumer<HudEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long last;
    /** Completed at the next append and replaced: what every waiting reader waits on. */
    private java.util.concurrent.CompletableFuture<Void> next = new java.util.concurrent.CompletableFuture<>();

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an event log keeps at least 1 event, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** What a reader gets: the events after its id, whether some were missed, and the id to ask after next. */
    public record Slice(List<HudEvent> events, boolean gap, Optional<String> gapReason, long latest) {
    }

    public HudEvent append(HudEvent.Draft d) {
        HudEvent event;
        java.util.concurrent.CompletableFuture<Void> woken;
        synchronized (this) {
            event = new HudEvent(++last, d.type(), d.at(), d.source(), d.summary(), d.fields(), d.domains());
            kept.addLast(event);
            if (kept.size() > capacity) {
                kept.removeFirst();
            }
            woken = next;
            next = new java.util.concurrent.CompletableFuture<>();
        }
        woken.complete(null);
        listeners.forEach(l -> l.accept(event));
        return event;
    }

    /** Up to {@code limit} events with an id above {@code since}, oldest first. */
    public synchronized Slice since(long since, int limit) {
        long oldest = kept.isEmpty() ? last + 1 : kept.peekFirst().id();
        Optional<String> gap = Optional.empty();
        if (since > last) {
            gap = Optional.of("id " + since + " is ahead of this log (its latest is " + last
                    + "): the node restarted and numbers its events from 1 again");
        } else if (since < oldest - 1) {
            gap = Optional.of("events " + (since + 1) + " to " + (oldest - 1) + " are no longer kept (the log keeps the last "
                    + capacity + ")");
        }
        List<HudEvent> out = new ArrayList<>();
        for (HudEvent e : kept) {
            if ((gap.isPresent() || e.id() > since) && out.size() < limit) {
                out.add(e);
            }
        }
        return new Slice(out, gap.isPresent(), gap, last);
    }

    /** Completes once an event with an id above {@code after} exists: at once if one does. */
    public synchronized java.util.concurrent.CompletionStage<Void> awaitAfter(long after) {
        return last > after ? java.util.concurrent.CompletableFuture.completedFuture(null) : next;
    }

    public int capacity() {
        return capacity;
    }

    public synchronized long latest() {
        return last;
    }

    /** Called with every event appended from now on, on the appending thread: keep it short. */
    public void listen(Consumer<HudEvent> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<HudEvent> listener) {
        listeners.remove(listener);
    }
}
