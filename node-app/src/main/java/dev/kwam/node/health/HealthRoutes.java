package dev.kwam.node.health;

import dev.kwam.node.cluster.MembershipWatcher;
import dev.kwam.node.json.JsonText;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The metrics port's probes. {@code /health}: 200 while the process serves HTTP at all (liveness).
 * {@code /ready}: 200 when {@link ReadinessCheck} finds nothing wrong, else 503 with the reasons
 * (readiness: route writes here). {@code /members}: the membership as this node sees it, with each
 * member's domains, for operators and tests. Only GET; all bodies are JSON.
 */
public final class HealthRoutes extends AllDirectives {
    private final ReadinessCheck readiness;
    private final Cluster cluster;

    public HealthRoutes(ReadinessCheck readiness, Cluster cluster) {
        this.readiness = readiness;
        this.cluster = cluster;
    }

    public Route routes() {
        return get(() -> concat(
                path("health", () -> complete(json(200, "{\"status\":\"up\",\"source\":\"LIVE\"}"))),
                path("ready", () -> extractRequest(request -> {
                    ReadinessReport report = readiness.check();
                    return complete(json(report.ready() ? 200 : 503, report.toJson()));
                })),
                path("members", () -> extractRequest(request -> complete(json(200, membersJson()))))));
    }

    private String membersJson() {
        StringBuilder json = new StringBuilder("{\"self\":");
        JsonText.quote(json, cluster.selfMember().address().toString());
        json.append(",\"members\":[");
        boolean first = true;
        for (Member m : cluster.state().getMembers()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"address\":");
            JsonText.quote(json, m.address().toString());
            json.append(",\"status\":");
            JsonText.quote(json, m.status().toString());
            json.append(",\"reachable\":").append(!cluster.state().getUnreachable().contains(m));
            json.append(",\"domains\":{");
            boolean firstLabel = true;
            for (var label : MembershipWatcher.domains(m)) {
                if (!firstLabel) {
                    json.append(',');
                }
                firstLabel = false;
                JsonText.quote(json, label.kind());
                json.append(':');
                JsonText.quote(json, label.value());
            }
            json.append("}}");
        }
        return json.append("],\"source\":\"LIVE\"}").toString();
    }

    private static HttpResponse json(int status, String body) {
        return HttpResponse.create().withStatus(StatusCodes.get(status)).withEntity(ContentTypes.APPLICATION_JSON, body);
    }
}
