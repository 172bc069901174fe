package dev.kwam.hud;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The HUD's REST API (docs/api.md): {@code GET /api/status}, {@code /api/nodes} (paged and filtered), {@code
 * /api/nodes/{name}}, {@code /api/objects} (paged) and {@code /api/objects/{cid}}. Every record, and every answer's envelope, carries {@code source} and {@code observed_at}; a
 * fleet that could not be read is answered 503 with {@code "source":"UNAVAILABLE"} and the reason, never as an
 * empty fleet. Read only: no route changes anything.
 */
public final class ApiRoutes extends AllDirectives {
    private final HudData data;
    private final Answers answers;
    private final RepairRoutes repairs;
    private final DurabilityRoutes durability;
    private final EventRoutes events;
    private final FindingRoutes findings;
    private final WsRoute ws;
    private final TopologyRoutes topology;
    /** Plan entries and findings a websocket snapshot carries; the REST endpoints page through the rest. */
    static final int SNAPSHOT_ITEMS = 20;

    public ApiRoutes(HudData data, Clock clock) {
        this.data = data;
        this.answers = new Answers(clock);
        this.repairs = new RepairRoutes(data, answers);
        this.durability = new DurabilityRoutes(data, answers);
        this.events = new EventRoutes(data.events(), answers);
        this.findings = new FindingRoutes(data, answers);
        this.ws = new WsRoute(data.events(), this::snapshot, answers, clock);
        this.topology = new TopologyRoutes(data, answers);
    }

    /** The API under /api, and the page: {@code /} and its files under {@code /hud/}, served from this jar. */
    public Route routes() {
        return concat(api(),
                path("metrics", () -> get(this::metrics)),
                pathSingleSlash(() -> get(() -> getFromResource("hud/index.html", ContentTypes.TEXT_HTML_UTF8))),
                pathPrefix("hud", () -> get(() -> getFromResourceDirectory("hud"))));
    }

    /** Answers with {@code route}, telling the host that someone reads the HUD. */
    private Route watched(java.util.function.Supplier<Route> route) {
        data.watch();
        return route.get();
    }

    /** Prometheus's text format, version 0.0.4. */
    private Route metrics() {
        Optional<String> text = HudMetrics.scrape();
        if (text.isEmpty()) {
            return complete(answers.error(404, "this host takes no metrics", "node-app starts them with the HUD"));
        }
        ContentType prometheus = ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");
        return complete(HttpResponse.create().withEntity(HttpEntities.create(prometheus, text.get().getBytes(StandardCharsets.UTF_8))));
    }

    private Route api() {
        return pathPrefix("api", () -> get(() -> concat(
                path("status", () -> completeWithFuture(status())),
                path("nodes", () -> parameterMultiMap(params -> completeWithFuture(nodes(params)))),
                path(PathMatchers.segment("nodes").slash(PathMatchers.segment()), name -> completeWithFuture(node(name))),
                path("objects", () -> parameterMultiMap(params -> completeWithFuture(objects(params)))),
                path(PathMatchers.segment("objects").slash(PathMatchers.segment()), cid -> completeWithFuture(object(cid))),
                path("repairs", () -> parameterMultiMap(params -> watched(() -> completeWithFuture(repairs.answer(params))))),
                path("durability", () -> completeWithFuture(durability.answer())),
                path("events", () -> parameterMultiMap(params -> watched(() -> complete(events.answer(params))))),
                path("findings", () -> parameterMultiMap(params -> watched(() -> completeWithFuture(findings.answer(params))))),
                path("ws", () -> parameterMultiMap(params -> watched(() -> ws.route(params)))),
                path("topology", () -> completeWithFuture(topology.answer())),
                pathPrefix(PathMatchers.segment(), unknown -> complete(answers.error(404, "no API endpoint /api/" + unknown,
                        "the endpoints are /api/status, /api/nodes, /api/nodes/{name}, /api/objects, /api/objects/{cid}, /api/repairs, "
                                + "/api/durability, /api/findings, /api/events, /api/topology and the websocket /api/ws "
                                + "(docs/api.md)"))))));
    }

    private CompletionStage<HttpResponse> objects(Map<String, List<String>> params) {
        return answers.withQuery(ObjectQuery::parse, params, this::objects);
    }

    private CompletionStage<HttpResponse> objects(ObjectQuery query) {
        return data.objects(query.limit(), query.after()).thenApply(page -> {
            boolean shown = query.label().map(l -> l == page.source()).orElse(true);
            List<ObjectRecord> items = shown ? page.objects() : List.of();
            Json json = new Json().beginObject().name("items").beginArray();
            for (ObjectRecord o : items) {
                json.beginObject();
                object(json, o);
                Answers.labels(json, page.source(), page.observedAt());
                json.endObject();
            }
            boolean more = shown && page.more() && !items.isEmpty();
            json.endArray().field("next", more ? items.get(items.size() - 1).cid() : null);
            Answers.labels(json, page.source(), page.observedAt());
            return Answers.ok(json.endObject().toString());
        }).exceptionally(failure -> answers.unreadable("the objects", failure));
    }

    private CompletionStage<HttpResponse> object(String cid) {
        if (dev.kwam.codec.Cid.tryParse(cid).isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(answers.error(400, "'" + cid + "' is not a content id",
                    "expected sha256: followed by 64 lowercase hex digits, as GET /api/objects lists them"));
        }
        return data.object(cid).thenApply(one -> {
            if (one.detail().isEmpty()) {
                return answers.error(404, "no object " + cid + " is known to this node's census", "GET /api/objects lists the objects");
            }
            ObjectDetail d = one.detail().get();
            Json json = new Json().beginObject();
            object(json, d.object());
            json.name("stripes").beginArray();
            for (ObjectDetail.Stripe s : d.stripes()) {
                json.beginObject().field("index", s.index()).field("chunk", s.chunk()).field("k", s.k()).field("m", s.m())
                        .name("fragments").beginArray();
                for (ObjectDetail.Fragment f : s.fragments()) {
                    json.beginObject().field("index", f.index()).field("cid", f.cid()).field("node", f.node()).field("state", f.state());
                    Answers.labels(json, one.source(), one.observedAt());
                    json.endObject();
                }
                json.endArray();
                Answers.labels(json, one.source(), one.observedAt());
                json.endObject();
            }
            json.endArray();
            Answers.labels(json, one.source(), one.observedAt());
            return Answers.ok(json.endObject().toString());
        }).exceptionally(failure -> answers.unreadable("object " + cid, failure));
    }

    private static void object(Json json, ObjectRecord o) {
        json.field("cid", o.cid()).field("content_cid", o.contentCid()).field("size", o.size()).field("stripe_count", o.stripes());
    }

    private CompletionStage<HttpResponse> status() {
        return read(fleet -> Answers.ok(statusJson(fleet)));
    }

    private static String statusJson(FleetReading fleet) {
        int live = 0;
        int unreachable = 0;
        Map<String, Long> marked = new TreeMap<>();
        for (NodeRecord n : fleet.nodes()) {
            live += n.live() ? 1 : 0;
            unreachable += !n.reachable() && !"gone".equals(n.status()) ? 1 : 0;
            if (!n.mark().isEmpty()) {
                marked.merge(n.mark(), 1L, Long::sum);
            }
        }
        Json json = new Json().beginObject().field("self", fleet.self())
                .name("nodes").beginObject().field("total", fleet.nodes().size()).field("live", live)
                .field("unreachable", unreachable).name("marked").beginObject();
        marked.forEach(json::field);
        json.endObject().endObject()
                .field("authorization", fleet.authorization()).field("consensus", fleet.consensus());
        Answers.labels(json, fleet.source(), fleet.observedAt());
        return json.endObject().toString();
    }

    /**
     * The websocket's snapshot: what {@code /api/status}, {@code /api/durability}, {@code /api/repairs?limit=20} and
     * {@code /api/findings?limit=20} answer now, in one object; a part that cannot be read is UNAVAILABLE with why.
     */
    CompletionStage<String> snapshot() {
        CompletableFuture<String> status = part(data.fleet().thenApply(ApiRoutes::statusJson), "the fleet");
        CompletableFuture<String> headline = part(data.durability().thenApply(DurabilityRoutes::render), "the durability");
        CompletableFuture<String> repairing = part(data.repairs().thenApply(r -> RepairRoutes.render(r, SNAPSHOT_ITEMS)), "the repairs");
        CompletableFuture<String> found = part(findings.current().thenApply(f -> findings.render(f, SNAPSHOT_ITEMS)), "the findings");
        return CompletableFuture.allOf(status, headline, repairing, found).thenApply(done -> new Json().beginObject()
                .name("status").raw(status.join()).name("durability").raw(headline.join()).name("repairs").raw(repairing.join())
                .name("findings").raw(found.join()).endObject().toString());
    }

    private CompletableFuture<String> part(CompletionStage<String> json, String what) {
        return json.toCompletableFuture().handle((ok, failure) -> {
            if (failure == null) {
                return ok;
            }
            Json j = new Json().beginObject().field("error", what + " could not be read: " + Answers.rootMessage(failure));
            Answers.labels(j, Source.UNAVAILABLE, answers.now());
            return j.endObject().toString();
        });
    }

    private CompletionStage<HttpResponse> nodes(Map<String, List<String>> params) {
        return answers.withQuery(NodeQuery::parse, params, query -> read(fleet -> {
            Page<NodeRecord> page = query.page(fleet.nodes(), fleet.source());
            Json json = new Json().beginObject().name("items").beginArray();
            page.items().forEach(n -> node(json, n, fleet));
            json.endArray().field("total", page.total()).field("next", page.next().orElse(null));
            Answers.labels(json, fleet.source(), fleet.observedAt());
            return Answers.ok(json.endObject().toString());
        }));
    }

    private CompletionStage<HttpResponse> node(String name) {
        return read(fleet -> {
            Optional<NodeRecord> found = fleet.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
            if (found.isEmpty()) {
                return answers.error(404, "no node named '" + name + "' is known to " + fleet.self(), "GET /api/nodes lists the nodes by name");
            }
            Json json = new Json();
            node(json, found.get(), fleet);
            return Answers.ok(json.toString());
        });
    }

    private static void node(Json json, NodeRecord n, FleetReading fleet) {
        json.beginObject().field("name", n.name()).field("state", n.state()).field("status", n.status())
                .field("reachable", n.reachable()).field("domains", n.domains()).field("mark", n.mark())
                .field("data_endpoint", n.dataEndpoint()).field("spiffe_id", n.spiffeId());
        Answers.labels(json, fleet.source(), fleet.observedAt());
        json.endObject();
    }

    private CompletionStage<HttpResponse> read(java.util.function.Function<FleetReading, HttpResponse> answer) {
        return data.fleet().thenApply(answer).exceptionally(failure -> answers.unreadable("the fleet", failure));
    }

}
