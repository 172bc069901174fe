package dev.kwam.hud;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code GET /api/ws} (a websocket): {@link EventStream}'s frames for this client. Parameters: {@code since=ID} to
 * resume after an event it saw, {@code domain=KIND=VALUE} (repeatable: events that concern any of them, and events
 * that concern no domain in particular) and {@code type} (repeatable). Read only: what the client sends is read and
 * dropped. A heartbeat frame every 15 s of silence keeps proxies from closing the connection.
 */
final class WsRoute extends AllDirectives {
    static final int MAX_BATCH = 500;
    static final int FRAMES_PER_SECOND = 10;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final List<String> KNOWN = List.of("since", "domain", "type");

    private final EventLog log;
    private final Supplier<CompletionStage<String>> snapshot;
    private final Answers answers;
    private final Clock clock;

    WsRoute(EventLog log, Supplier<CompletionStage<String>> snapshot, Answers answers, Clock clock) {
        this.log = log;
        this.snapshot = snapshot;
        this.answers = answers;
        this.clock = clock;
    }

    Route route(Map<String, List<String>> params) {
        Optional<Long> since;
        Predicate<HudEvent> wanted;
        try {
            for (String name : params.keySet()) {
                if (!KNOWN.contains(name)) {
                    throw new BadQuery("unknown parameter '" + name + "' for /api/ws", "the parameters are " + String.join(", ", KNOWN));
                }
            }
            since = EventRoutes.since(params);
            wanted = wanted(params);
        } catch (BadQuery bad) {
            return complete(answers.error(400, bad.getMessage(), bad.fix()));
        }
        return extractMaterializer(materializer -> extractExecutionContext(executor -> {
            EventStream stream = new EventStream(log, snapshot, executor, clock, MAX_BATCH, FRAMES_PER_SECOND);
            Sink<Message, ?> dropped = Sink.foreach(m -> {
                if (m.isText()) {
                    m.asTextMessage().getStreamedText().runWith(Sink.ignore(), materializer);
                } else {
                    m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
                }
            });
            return handleWebSocketMessages(Flow.fromSinkAndSourceCoupled(dropped, stream.frames(since, wanted)
                    .keepAlive(HEARTBEAT, this::heartbeat).map(TextMessage::create)));
        }));
    }

    private String heartbeat() {
        Json json = new Json().beginObject().field("kind", "heartbeat").field("latest", log.latest());
        Answers.labels(json, Source.LIVE, clock.instant());
        return json.endObject().toString();
    }

    private static Predicate<HudEvent> wanted(Map<String, List<String>> params) throws BadQuery {
        List<String> domains = params.getOrDefault("domain", List.of());
        for (String d : domains) {
            if (!d.matches("[^=]+=[^=]+")) {
                throw new BadQuery("domain '" + d + "' is not KIND=VALUE", "for example domain=rack=r7");
            }
        }
        List<HudEvent.Type> types = EventRoutes.types(params);
        return e -> (types.isEmpty() || types.contains(e.type()))
                && (domains.isEmpty() || e.domains().isEmpty() || e.domains().stream().anyMatch(domains::contains));
    }
}
