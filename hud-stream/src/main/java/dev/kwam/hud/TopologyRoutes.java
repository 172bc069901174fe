package dev.kwam.hud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code GET /api/topology}: the fleet as its fault-domain tree (az → spine → pdu → rack, the levels any node is
 * labelled with), each domain with its nodes counted by state — what the page draws, at any fleet size, without
 * sending every node: the nodes of one rack come from {@code /api/nodes?domain=rack=R}. A node without a label
 * for a level sits in that level's {@code (unlabelled)} domain.
 */
final class TopologyRoutes {
    /** The hierarchy, outermost first; a level no node is labelled with is left out. */
    static final List<String> HIERARCHY = List.of("region", "az", "spine", "pdu", "rack");
    static final String UNLABELLED = "(unlabelled)";

    private final HudData data;
    private final Answers answers;

    TopologyRoutes(HudData data, Answers answers) {
        this.data = data;
        this.answers = answers;
    }

    CompletionStage<HttpResponse> answer() {
        return data.fleet().thenApply(f -> Answers.ok(render(f))).exceptionally(f -> answers.unreadable("the fleet", f));
    }

    private static final class Domain {
        final String name;
        final Map<String, Long> counts = new TreeMap<>();
        final Map<String, Domain> children = new TreeMap<>();
        long nodes;

        Domain(String name) {
            this.name = name;
        }

        void count(String state) {
            nodes++;
            counts.merge(state, 1L, Long::sum);
        }
    }

    static String render(FleetReading fleet) {
        List<String> levels = new ArrayList<>();
        for (String level : HIERARCHY) {
            if (fleet.nodes().stream().anyMatch(n -> n.domains().containsKey(level))) {
                levels.add(level);
            }
        }
        Domain root = new Domain("fleet");
        for (NodeRecord n : fleet.nodes()) {
            String state = n.live() && n.mark().isEmpty() ? "live" : n.state();
            root.count(state);
            Domain at = root;
            for (String level : levels) {
                String key = level + "=" + n.domains().getOrDefault(level, UNLABELLED);
                at = at.children.computeIfAbsent(key, Domain::new);
                at.count(state);
            }
        }
        Json json = new Json().beginObject().value("levels", levels).name("tree");
        write(json, root, fleet);
        Answers.labels(json, fleet.source(), fleet.observedAt());
        return json.endObject().toString();
    }

    private static void write(Json json, Domain d, FleetReading fleet) {
        json.beginObject().field("name", d.name).field("nodes", d.nodes).name("counts").beginObject();
        d.counts.forEach(json::field);
        json.endObject();
        if (!d.children.isEmpty()) {
            json.name("children").beginArray();
            d.children.values().forEach(c -> write(json, c, fleet));
            json.endArray();
        }
        Answers.labels(json, fleet.source(), fleet.observedAt());
        json.endObject();
    }
}
