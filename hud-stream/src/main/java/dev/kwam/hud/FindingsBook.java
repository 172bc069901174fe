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
                durability(dated, "breached", now);
            }
            open.put(f.key(), dated);
            out.add(dated);
        }
        for (String gone : Set.copyOf(open.keySet())) {
            if (!keys.contains(gone)) {
                Finding cleared = open.remove(gone);
                firstSeen.remove(gone);
                log.append(event(cleared, "cleared", now));
                durability(cleared, "cleared", now);
            }
        }
        return out;
    }

    /** A guard's figure crossing its target is also a durability change (the alert {@code on_violation} asks for). */
    private void durability(Finding f, String change, Instant now) {
        if (!GUARD_FINDINGS.contains(f.code())) {
            return;
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("change", change);
        fields.put("finding", f.code());
        fields.put("figure", f.code().equals("KW-H010") ? "live" : "steady_state");
        fields.put("detail", f.detail());
        log.append(new HudEvent.Draft(HudEvent.Type.DURABILITY, now, f.source(), "durability " + change + ": " + f.title(), fields,
                f.domains()));
    }

    /** KW-H001: the steady-state figure below the guard's target; KW-H010: the live figure (the guard breached now). */
    private static final Set<String> GUARD_FINDINGS = Set.of("KW-H001", "KW-H010");

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
