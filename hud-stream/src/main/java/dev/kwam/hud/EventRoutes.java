package dev.kwam.hud;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code GET /api/events?since=ID}: the events after {@code since} (0 or absent: every event kept), oldest first, at
 * most {@code limit}; filtered by {@code type} (repeatable) and {@code label}. {@code next} is the id to pass as
 * {@code since} for the following ones; {@code gap} says events were missed (see {@link EventLog}).
 */
final class EventRoutes {
    private static final List<String> KNOWN = List.of("since", "limit", "type", "label");

    private final EventLog log;
    private final Answers answers;

    EventRoutes(EventLog log, Answers answers) {
        this.log = log;
        this.answers = answers;
    }

    HttpResponse answer(Map<String, List<String>> params) {
        try {
            for (String name : params.keySet()) {
                if (!KNOWN.contains(name)) {
                    throw new BadQuery("unknown parameter '" + name + "' for /api/events", "the parameters are " + String.join(", ", KNOWN));
                }
            }
            long since = since(params).orElse(0L);
            int limit = NodeQuery.limit(params);
            List<HudEvent.Type> types = types(params);
            Optional<Source> label = NodeQuery.label(params);
            EventLog.Slice slice = log.since(since, Integer.MAX_VALUE);
            Json json = new Json().beginObject().name("items").beginArray();
            long next = since;
            int shown = 0;
            for (HudEvent e : slice.events()) {
                if (shown == limit) {
                    break;
                }
                next = e.id();
                if ((types.isEmpty() || types.contains(e.type())) && label.map(l -> l == e.source()).orElse(true)) {
                    write(json, e);
                    shown++;
                }
            }
            if (shown < limit) {
                next = Math.max(next, slice.latest());
            }
            json.endArray().field("next", next).field("latest", slice.latest()).field("gap", slice.gap())
                    .field("gap_reason", slice.gapReason().orElse(null));
            Answers.labels(json, Source.LIVE, answers.now());
            return Answers.ok(json.endObject().toString());
        } catch (BadQuery bad) {
            return answers.error(400, bad.getMessage(), bad.fix());
        }
    }

    static void write(Json json, HudEvent e) {
        json.beginObject().field("id", e.id()).field("type", e.type().wire()).field("at", e.at().toString())
                .field("summary", e.summary()).name("fields").beginObject();
        e.fields().forEach(json::value);
        json.endObject().value("domains", e.domains());
        Answers.labels(json, e.source(), e.at());
        json.endObject();
    }

    /** {@code since}: an event id, absent when not given. Shared with the websocket. */
    static Optional<Long> since(Map<String, List<String>> params) throws BadQuery {
        Optional<String> raw = NodeQuery.single(params, "since");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            long since = Long.parseLong(raw.get());
            if (since >= 0) {
                return Optional.of(since);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadQuery("since=" + raw.get() + " is not an event id", "pass 0, or the last id you read ('next' of /api/events, "
                + "'to' of a websocket frame)");
    }

    /** {@code type}, repeatable: the event types asked for, empty for all. Shared with the websocket. */
    static List<HudEvent.Type> types(Map<String, List<String>> params) throws BadQuery {
        List<HudEvent.Type> out = new java.util.ArrayList<>();
        for (String t : params.getOrDefault("type", List.of())) {
            try {
                out.add(HudEvent.Type.valueOf(t.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadQuery("type=" + t + " is not an event type", "one of " + java.util.Arrays.stream(HudEvent.Type.values())
                        .map(HudEvent.Type::wire).toList());
            }
        }
        return out;
    }
}
