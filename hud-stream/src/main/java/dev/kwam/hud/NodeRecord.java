package dev.kwam.hud;

import java.util.Map;
import java.util.Objects;

/**
 * One node as the HUD shows it: its name, membership status as the serving node sees it ({@code up}, {@code
 * joining}, {@code leaving}, {@code down}, {@code gone} for a node the census knows that is no longer a member),
 * whether its failure detector reaches it, its fault-domain labels, an operator's mark ({@code ""} in service),
 * and where its data port answers.
 */
public record NodeRecord(String name, String status, boolean reachable, Map<String, String> domains, String mark,
        String dataEndpoint, String spiffeId) {
    public NodeRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        domains = Map.copyOf(domains);
        mark = mark == null ? "" : mark;
        dataEndpoint = dataEndpoint == null ? "" : dataEndpoint;
        spiffeId = spiffeId == null ? "" : spiffeId;
    }

    /** Up and reachable: what the HUD draws as a working node. */
    public boolean live() {
        return "up".equals(status) && reachable;
    }

    /** The one word a state filter matches: a mark wins, then unreachable, then the membership status. */
    public String state() {
        if (!mark.isEmpty()) {
            return mark;
        }
        if (!reachable && !"gone".equals(status) && !"down".equals(status)) {
            return "unreachable";
        }
        return status;
    }
}
