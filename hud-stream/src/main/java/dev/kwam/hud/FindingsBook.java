package dev.kwam.hud;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers when this node first saw each finding, and writes a {@code finding} event to the {@link EventLog} when one
 * is raised and when it clears. A finding whose reading brings its own time (a stripe below full since T) keeps it.
 * Thread-safe.
 */
public final class FindingsBook {
    private final EventLog log;
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, Finding> open = new HashMap<>();

    public FindingsBook(EventLog log) {
        this.log = log;
    }

    /** {@code found} with their {@code since} filled in; raises and clears events against the previous call. */
    public synchronized List<Finding> observe(List<Finding> found, Instant now) {
        Set<String> keys = new HashSet<>();
        List<Finding> out = new java.util.ArrayList<>();
        for (Finding f : found) {
            keys.add(f.key());
            Instant first = firstSeen.computeIfAbsent(f.key(), k -> f.since().orElse(now));
            Finding dated = f.since().isPresent() ? f : f.since(Optional.of(first));
            if (!open.containsKey(f.key())) {
                log.append(event(dated, "raised", now));
            }
            open.put(f.key(), dated);
            out.add(dated);
        }
        for (String gone : Set.copyOf(open.keySet())) {
            if (!keys.contains(gone)) {
                Finding cleared = open.remove(gone);
                firstSeen.remove(gone);
                log.append(event(cleared, "cleared", now));
            }
        }
        return out;
    }

    private static HudEvent.Draft event(Finding f, String change, Instant now) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("code", f.code());
        fields.put("severity", f.severity().wire());
        fields.put("change", change);
        fields.put("title", f.title());
        fields.put("affected_count", f.affectedCount());
        return new HudEvent.Draft(HudEvent.Type.FINDING, now, f.source(), f.code() + " " + change + ": " + f.title(), fields, f.domains());
    }
}
