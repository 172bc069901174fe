package dev.kwam.hud;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the HUD's feed ({@code /api/events}, later the websocket): its id in this node's {@link EventLog},
 * its type, when it happened, where it comes from, a sentence for people, typed fields for programs, and the fault
 * domains it concerns ({@code KIND=VALUE}, for filtering).
 *
 * @param fields values are strings, numbers, booleans, or lists of strings; insertion order is kept
 */
public record HudEvent(long id, Type type, Instant at, Source source, String summary, Map<String, Object> fields,
        List<String> domains) {

    /** The closed set of event types a client can expect (docs/api.md). */
    public enum Type {
        MEMBERSHIP, PLACEMENT, REPAIR, SCRUB, REFUSAL, DURABILITY, FINDING;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HudEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(summary, "summary");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        domains = List.copyOf(domains);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            Object v = f.getValue();
            boolean plain = v instanceof String || v instanceof Number || v instanceof Boolean
                    || (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance));
            if (!plain) {
                throw new IllegalArgumentException("event field '" + f.getKey() + "' must be a string, number, boolean or "
                        + "list of strings, got " + (v == null ? "null" : v.getClass().getName()));
            }
        }
    }

    /** This event as /api/events and the websocket write it: one JSON object. */
    public String json() {
        Json json = new Json();
        EventRoutes.write(json, this);
        return json.toString();
    }

    /** What a producer hands the log: everything but the id. */
    public record Draft(Type type, Instant at, Source source, String summary, Map<String, Object> fields, List<String> domains) {
    }
}
