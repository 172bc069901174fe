package dev.kwam.hud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/nodes}' parameters: {@code limit} (1–1000, default 100) and {@code after} (the cursor a page's
 * {@code next} gave) page through the nodes sorted by name; {@code domain=KIND=VALUE} (repeatable, all must hold),
 * {@code state=WORD} and {@code label=LIVE|MODELED|UNAVAILABLE} filter them. Cursor pages stay stable while nodes
 * come and go: a page starts after a name, not at an offset.
 */
record NodeQuery(int limit, Optional<String> after, Map<String, String> domains, Optional<String> state, Optional<Source> label) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final Set<String> STATES = Set.of("up", "joining", "weakly-up", "leaving", "exiting", "down", "removed", "gone",
            "unreachable", "cordoned", "draining", "drained");
    private static final Set<String> KNOWN = Set.of("limit", "after", "domain", "state", "label");

    static NodeQuery parse(Map<String, List<String>> params) throws BadQuery {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadQuery("unknown parameter '" + name + "'", "use limit, after, domain, state or label (docs/api.md)");
            }
        }
        int limit = limit(params);
        Map<String, String> domains = new java.util.TreeMap<>();
        for (String d : params.getOrDefault("domain", List.of())) {
            int eq = d.indexOf('=');
            if (eq <= 0 || eq == d.length() - 1) {
                throw new BadQuery("domain '" + d + "' is not KIND=VALUE", "for example domain=rack=r7");
            }
            domains.put(d.substring(0, eq), d.substring(eq + 1));
        }
        Optional<String> state = single(params, "state");
        if (state.isPresent() && !STATES.contains(state.get())) {
            throw new BadQuery("state '" + state.get() + "' is not one the API knows", "one of " + new java.util.TreeSet<>(STATES));
        }
        return new NodeQuery(limit, single(params, "after"), domains, state, label(params));
    }

    /** {@code limit}: 1..{@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    static int limit(Map<String, List<String>> params) throws BadQuery {
        Optional<String> raw = single(params, "limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQuery("limit '" + raw.get() + "' is not a whole number within 1.." + MAX_LIMIT, "for example limit=" + DEFAULT_LIMIT);
        }
        return limit;
    }

    static Optional<Source> label(Map<String, List<String>> params) throws BadQuery {
        Optional<String> raw = single(params, "label");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Source.valueOf(raw.get()));
        } catch (IllegalArgumentException e) {
            throw new BadQuery("label '" + raw.get() + "' is not a source label", "one of LIVE, MODELED, UNAVAILABLE");
        }
    }

    static Optional<String> single(Map<String, List<String>> params, String name) throws BadQuery {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new BadQuery("parameter '" + name + "' given " + values.size() + " times", "give it once");
        }
        return values.stream().findFirst();
    }

    /** Whether {@code node}, read with {@code source}, passes the filters. */
    boolean matches(NodeRecord node, Source source) {
        if (label.isPresent() && label.get() != source) {
            return false;
        }
        if (state.isPresent() && !state.get().equals(node.state())) {
            return false;
        }
        for (Map.Entry<String, String> d : domains.entrySet()) {
            if (!d.getValue().equals(node.domains().get(d.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The filtered nodes sorted by name, and the page of them this query asks for. */
    Page<NodeRecord> page(List<NodeRecord> all, Source source) {
        List<NodeRecord> matching = new ArrayList<>();
        for (NodeRecord n : all) {
            if (matches(n, source)) {
                matching.add(n);
            }
        }
        matching.sort(java.util.Comparator.comparing(NodeRecord::name));
        return Page.of(matching, NodeRecord::name, after, limit);
    }
}
