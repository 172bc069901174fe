package dev.kwam.hud;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code GET /api/repairs}: the state in a word ({@link RepairState}), the ETA with its spread, the budget in use,
 * the measured rate, SHA-gate counts, the parked stripes and the plan riskiest first — paged by rank
 * ({@code limit}, {@code after=RANK}) and filtered by {@code state} (running, due, deferred, unplaceable) and
 * {@code label}.
 */
final class RepairRoutes {
    /** A repair with no step for this long, while stripes are due, is called stalled. */
    static final Duration STALL_AFTER = Duration.ofSeconds(120);
    private static final List<String> STATES = List.of("running", "queued", "due", "deferred", "unplaceable");

    private final HudData data;
    private final Answers answers;

    RepairRoutes(HudData data, Answers answers) {
        this.data = data;
        this.answers = answers;
    }

    CompletionStage<HttpResponse> answer(Map<String, List<String>> params) {
        return answers.withQuery(Query::parse, params, query -> data.repairs().thenApply(r -> Answers.ok(render(r, query)))
                .exceptionally(f -> answers.unreadable("the repairs", f)));
    }

    /** The answer to {@code GET /api/repairs?limit=N}: the websocket's snapshot shows this. */
    static String render(RepairsReading r, int limit) {
        return render(r, new Query(limit, 0, Optional.empty(), Optional.empty()));
    }

    private static String render(RepairsReading r, Query query) {
        RepairState state = RepairState.of(r, STALL_AFTER);
        long running = r.plan().stream().filter(RepairsReading.Planned::running).count();
        Json json = new Json().beginObject().field("state", state.state()).field("why", state.why());
        json.name("eta").beginObject();
        if (state.eta().isPresent()) {
            RepairState.Eta eta = state.eta().get();
            json.field("seconds", Math.round(eta.seconds())).field("low_seconds", Math.round(eta.lowSeconds()))
                    .field("high_seconds", Math.round(eta.highSeconds())).field("basis", eta.basis());
            Answers.labels(json, Source.MODELED, r.observedAt());
        } else {
            json.field("reason", state.etaUnavailable());
            Answers.labels(json, Source.UNAVAILABLE, r.observedAt());
        }
        json.endObject();
        json.name("budget").beginObject().field("max_concurrent", r.maxConcurrent()).field("bytes_per_second", r.bytesPerSecond())
                .field("from", r.budgetFrom()).field("in_use", running);
        Answers.labels(json, r.source(), r.observedAt());
        json.endObject().name("rate").beginObject();
        if (r.rate().isPresent()) {
            RepairsReading.Rate rate = r.rate().get();
            json.field("bytes_per_second", rate.bytesPerSecond()).field("stripes_per_second", rate.stripesPerSecond())
                    .field("repairs", rate.stripes()).field("busy_seconds", rate.busySeconds())
                    .field("window_from", rate.from().toString()).field("window_until", rate.until().toString());
            Answers.labels(json, r.source(), r.observedAt());
        } else {
            json.field("reason", "no repair has completed since the JHMM started");
            Answers.labels(json, Source.UNAVAILABLE, r.observedAt());
        }
        RepairTally.Counts t = r.tally();
        json.endObject().name("sha_gate").beginObject().field("passed", t.gatePassed()).field("refused", t.gateRefused())
                .field("counted_since", t.since().toString());
        Answers.labels(json, r.source(), r.observedAt());
        json.endObject().name("totals").beginObject().field("repaired", r.repaired()).field("bytes_moved", r.bytesMoved())
                .field("attempts_failed", t.attemptsFailed())
                .field("last_progress", t.lastProgress().map(Object::toString).orElse(null));
        Answers.labels(json, r.source(), r.observedAt());
        json.endObject().name("parked").beginArray();
        for (RepairsReading.Parked p : r.parked()) {
            json.beginObject().field("stripe", p.stripe()).field("reason", p.reason()).field("at", p.at().toString());
            Answers.labels(json, r.source(), r.observedAt());
            json.endObject();
        }
        json.endArray();
        boolean full = running >= r.maxConcurrent();
        boolean shown = query.label().map(l -> l == r.source()).orElse(true);
        List<RepairsReading.Planned> matching = shown
                ? r.plan().stream().filter(p -> query.state().map(s -> s.equals(stateOf(p, full))).orElse(true)).toList() : List.of();
        int from = Math.min(query.after(), matching.size());
        int to = Math.min(matching.size(), from + query.limit());
        json.name("plan").beginArray();
        for (int rank = from; rank < to; rank++) {
            RepairsReading.Planned p = matching.get(rank);
            json.beginObject().field("rank", rank + 1).field("stripe", p.stripe()).field("codec", p.codec()).field("state", stateOf(p, full))
                    .field("spare", p.spare()).field("lost", p.lost()).value("targets", p.targets()).field("unplaced", p.unplaced())
                    .field("step", p.step().orElse(null)).field("bytes", p.bytes())
                    .field("deferred_until", p.deferredUntil().map(Object::toString).orElse(null))
                    .field("below_full_since", p.belowFullSince().toString());
            Answers.labels(json, r.source(), r.observedAt());
            json.endObject();
        }
        json.endArray().field("total", matching.size()).field("next", to < matching.size() ? String.valueOf(to) : null);
        Answers.labels(json, r.source(), r.observedAt());
        return json.endObject().toString();
    }

    /** {@code budgetFull}: every slot of the budget is running a repair. */
    static String stateOf(RepairsReading.Planned p, boolean budgetFull) {
        if (p.running()) {
            return "running";
        }
        if (p.deferredUntil().isPresent()) {
            return "deferred";
        }
        if (p.spare() < 0 || (p.targets().isEmpty() && p.unplaced() > 0)) {
            return "unplaceable";
        }
        return budgetFull ? "queued" : "due";
    }

    private record Query(int limit, int after, Optional<String> state, Optional<Source> label) {
        static Query parse(Map<String, List<String>> params) throws BadQuery {
            for (String name : params.keySet()) {
                if (!List.of("limit", "after", "state", "label").contains(name)) {
                    throw new BadQuery("unknown parameter '" + name + "' for /api/repairs",
                            "the parameters are limit, after (a rank, as 'next' gives it), state and label");
                }
            }
            int limit = NodeQuery.limit(params);
            int after = 0;
            String given = NodeQuery.single(params, "after").orElse(null);
            if (given != null) {
                try {
                    after = Integer.parseInt(given);
                } catch (NumberFormatException e) {
                    after = -1;
                }
                if (after < 0) {
                    throw new BadQuery("after=" + given + " is not a rank", "pass the 'next' of the previous page (a whole number ≥ 0)");
                }
            }
            String state = NodeQuery.single(params, "state").orElse(null);
            if (state != null && !STATES.contains(state)) {
                throw new BadQuery("state=" + state + " is not a repair state", "one of " + String.join(", ", STATES));
            }
            return new Query(limit, after, Optional.ofNullable(state), NodeQuery.label(params));
        }
    }
}
