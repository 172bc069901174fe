package dev.kwam.hud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code GET /api/findings}: what is wrong, named ({@link Findings}), most severe first, each with since when and what
 * is being done; paged by rank ({@code limit}, {@code after}) and filtered by {@code severity}, {@code code},
 * {@code domain=KIND=VALUE} and {@code label}. The three readings are taken together; one that fails is itself a
 * finding (KW-H000), so the answer is never an empty list for want of data.
 */
final class FindingRoutes {
    private static final List<String> KNOWN = List.of("limit", "after", "severity", "code", "domain", "label");

    private final HudData data;
    private final Answers answers;
    private final FindingsBook book;

    FindingRoutes(HudData data, Answers answers) {
        this.data = data;
        this.answers = answers;
        this.book = new FindingsBook(data.events());
    }

    CompletionStage<HttpResponse> answer(Map<String, List<String>> params) {
        return answers.withQuery(Query::parse, params, query -> current().thenApply(found -> Answers.ok(render(found, query))));
    }

    /** The findings now, dated; never fails (a failed reading is a finding). */
    CompletionStage<List<Finding>> current() {
        Map<String, String> unreadable = new java.util.concurrent.ConcurrentSkipListMap<>();
        CompletableFuture<Optional<FleetReading>> fleet = settle(data.fleet(), "the fleet", unreadable);
        CompletableFuture<Optional<RepairsReading>> repairs = settle(data.repairs(), "the repairs", unreadable);
        CompletableFuture<Optional<DurabilityReading>> durability = settle(data.durability(), "the durability", unreadable);
        return CompletableFuture.allOf(fleet, repairs, durability).thenApply(done -> book.observe(
                Findings.of(fleet.join(), repairs.join(), durability.join(), new LinkedHashMap<>(unreadable)), answers.now()));
    }

    private static <T> CompletableFuture<Optional<T>> settle(CompletionStage<T> reading, String what, Map<String, String> unreadable) {
        return reading.toCompletableFuture().handle((value, failure) -> {
            if (failure != null) {
                unreadable.put(what, Answers.rootMessage(failure));
                return Optional.empty();
            }
            return Optional.ofNullable(value);
        });
    }

    /** The answer to {@code GET /api/findings?limit=N}: the websocket's snapshot shows this. */
    String render(List<Finding> found, int limit) {
        return render(found, new Query(limit, 0, Optional.empty(), Optional.empty(), List.of(), Optional.empty()));
    }

    private String render(List<Finding> found, Query query) {
        List<Finding> matching = found.stream()
                .filter(f -> query.severity().map(s -> s == f.severity()).orElse(true))
                .filter(f -> query.code().map(c -> c.equals(f.code())).orElse(true))
                .filter(f -> query.domains().stream().allMatch(f.domains()::contains))
                .filter(f -> query.label().map(l -> l == f.source()).orElse(true)).toList();
        int from = Math.min(query.after(), matching.size());
        int to = Math.min(matching.size(), from + query.limit());
        Json json = new Json().beginObject().name("counts").beginObject();
        for (Finding.Severity s : Finding.Severity.values()) {
            json.field(s.wire(), found.stream().filter(f -> f.severity() == s).count());
        }
        json.endObject().name("items").beginArray();
        for (int rank = from; rank < to; rank++) {
            Finding f = matching.get(rank);
            json.beginObject().field("code", f.code()).field("severity", f.severity().wire()).field("title", f.title())
                    .field("detail", f.detail()).value("domains", f.domains()).value("affected", f.affected())
                    .field("affected_count", f.affectedCount()).field("since", f.since().map(Object::toString).orElse(null))
                    .field("doing", f.doing());
            Answers.labels(json, f.source(), answers.now());
            json.endObject();
        }
        json.endArray().field("total", matching.size()).field("next", to < matching.size() ? String.valueOf(to) : null);
        Answers.labels(json, found.stream().anyMatch(f -> f.source() == Source.UNAVAILABLE) ? Source.UNAVAILABLE : Source.LIVE,
                answers.now());
        return json.endObject().toString();
    }

    private record Query(int limit, int after, Optional<Finding.Severity> severity, Optional<String> code, List<String> domains,
            Optional<Source> label) {
        static Query parse(Map<String, List<String>> params) throws BadQuery {
            for (String name : params.keySet()) {
                if (!KNOWN.contains(name)) {
                    throw new BadQuery("unknown parameter '" + name + "' for /api/findings", "the parameters are " + String.join(", ", KNOWN));
                }
            }
            int after = 0;
            Optional<String> given = NodeQuery.single(params, "after");
            if (given.isPresent()) {
                try {
                    after = Integer.parseInt(given.get());
                } catch (NumberFormatException e) {
                    after = -1;
                }
                if (after < 0) {
                    throw new BadQuery("after=" + given.get() + " is not a rank", "pass the 'next' of the previous page");
                }
            }
            Optional<Finding.Severity> severity = Optional.empty();
            Optional<String> s = NodeQuery.single(params, "severity");
            if (s.isPresent()) {
                try {
                    severity = Optional.of(Finding.Severity.valueOf(s.get().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadQuery("severity=" + s.get() + " is not a severity", "one of critical, warning, info");
                }
            }
            List<String> domains = params.getOrDefault("domain", List.of());
            for (String d : domains) {
                if (!d.matches("[^=]+=[^=]+")) {
                    throw new BadQuery("domain '" + d + "' is not KIND=VALUE", "for example domain=rack=r7");
                }
            }
            return new Query(NodeQuery.limit(params), after, severity, NodeQuery.single(params, "code"), domains, NodeQuery.label(params));
        }
    }
}
