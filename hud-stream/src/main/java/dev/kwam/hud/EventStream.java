package dev.kwam.hud;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The websocket's frames for one client, as a Pekko Streams source pulling from the shared {@link EventLog}: a
 * snapshot first, then frames of the events after it, sequence-numbered by event id. Each client holds only its
 * cursor, so memory does not grow with clients or with how far behind they are. A client that reads slowly gets every
 * event that happened while it was busy in its next frame (coalesced, at most {@code maxBatch} per frame, at most
 * {@code framesPerSecond} frames); one so slow that the log no longer keeps what it has not read gets a fresh
 * snapshot instead (conflated), never an unbounded buffer. A client resumes after an event id it saw.
 */
public final class EventStream {
    private final EventLog log;
    private final Supplier<CompletionStage<String>> snapshot;
    private final Executor executor;
    private final Clock clock;
    private final int maxBatch;
    private final int framesPerSecond;

    /**
     * @param snapshot the current state as one JSON object (status, headline, repairs, findings), labelled
     * @param executor where a woken client's next frame is built (never the appending thread)
     */
    public EventStream(EventLog log, Supplier<CompletionStage<String>> snapshot, Executor executor, Clock clock, int maxBatch,
            int framesPerSecond) {
        this.log = log;
        this.snapshot = snapshot;
        this.executor = executor;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.framesPerSecond = framesPerSecond;
    }

    private record Cursor(long after, Optional<String> snapshotBecause) {
    }

    /**
     * The frames for one client: a snapshot first when {@code since} is empty, else the events after it (or a
     * snapshot, saying why, when those are no longer kept). {@code wanted}: the events this client subscribed to.
     */
    public Source<String, NotUsed> frames(Optional<Long> since, Predicate<HudEvent> wanted) {
        Cursor first = since.map(s -> new Cursor(s, Optional.<String>empty())).orElse(new Cursor(0, Optional.of("connected")));
        return Source.unfoldAsync(first, c -> next(c, wanted))
                .filter(Optional::isPresent).map(Optional::get)
                .throttle(framesPerSecond, Duration.ofSeconds(1));
    }

    private CompletionStage<Optional<Pair<Cursor, Optional<String>>>> next(Cursor c, Predicate<HudEvent> wanted) {
        if (c.snapshotBecause().isPresent()) {
            long latest = log.latest(); // read before the state: what happens meanwhile follows as events
            return snapshot.get().thenApply(state -> Optional.of(Pair.create(new Cursor(latest, Optional.empty()),
                    Optional.of(snapshotFrame(latest, c.snapshotBecause().get(), state)))));
        }
        return log.awaitAfter(c.after()).thenComposeAsync(woken -> {
            EventLog.Slice slice = log.since(c.after(), maxBatch);
            if (slice.gap()) {
                Cursor again = new Cursor(c.after(), Optional.of("conflated: " + slice.gapReason().orElse("events were missed")));
                return next(again, wanted);
            }
            List<HudEvent> shown = new ArrayList<>();
            slice.events().stream().filter(wanted).forEach(shown::add);
            long to = slice.events().get(slice.events().size() - 1).id();
            Optional<String> frame = shown.isEmpty() ? Optional.empty() : Optional.of(eventsFrame(c.after() + 1, to, shown));
            return CompletableFuture.completedFuture(Optional.of(Pair.create(new Cursor(to, Optional.empty()), frame)));
        }, executor);
    }

    private String snapshotFrame(long latest, String because, String state) {
        Json json = new Json().beginObject().field("kind", "snapshot").field("latest", latest).field("because", because)
                .name("state").raw(state);
        Answers.labels(json, dev.kwam.hud.Source.LIVE, clock.instant());
        return json.endObject().toString();
    }

    private String eventsFrame(long from, long to, List<HudEvent> events) {
        Json json = new Json().beginObject().field("kind", "events").field("from", from).field("to", to).name("items").beginArray();
        events.forEach(e -> EventRoutes.write(json, e));
        json.endArray();
        Answers.labels(json, dev.kwam.hud.Source.LIVE, clock.instant());
        return json.endObject().toString();
    }
}
