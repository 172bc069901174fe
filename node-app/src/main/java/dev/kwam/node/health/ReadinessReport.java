package dev.kwam.node.health;

import dev.kwam.node.json.JsonText;
import java.util.List;

/**
 * What {@code GET /ready} answers: ready, or the reasons why not, and what the data port enforces
 * ({@code authorization}: {@code none (no policy)} or {@code grants (N) from policy '<name>'}), so a node
 * that lets every certificate of the CA in never says so only in its log. {@code source} is always
 * {@code LIVE}: every figure is read when asked, never modelled or cached.
 */
public record ReadinessReport(boolean ready, List<String> reasons, String authorization) {

    public ReadinessReport {
        reasons = List.copyOf(reasons);
        if (ready != reasons.isEmpty()) {
            throw new IllegalArgumentException("a node is ready exactly when there is no reason it is not");
        }
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{\"ready\":").append(ready).append(",\"reasons\":[");
        for (int i = 0; i < reasons.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            JsonText.quote(json, reasons.get(i));
        }
        json.append("],\"authorization\":");
        JsonText.quote(json, authorization);
        return json.append(",\"source\":\"LIVE\"}").toString();
    }
}
