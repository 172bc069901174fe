package dev.kwam.hud;

import dev.kwam.codec.Cid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/objects}' parameters: {@code limit} and {@code after} (a cid: the {@code next} of the previous page)
 * page through the objects in cid order; {@code label} filters by source. Objects are not filtered by {@code domain}
 * or {@code state} yet: that needs each object's placement, which {@code /api/objects/{cid}} reads one object at a
 * time — asked for, it is refused naming what to use instead, never silently ignored.
 */
record ObjectQuery(int limit, Optional<String> after, Optional<Source> label) {
    private static final Set<String> KNOWN = Set.of("limit", "after", "label");

    static ObjectQuery parse(Map<String, List<String>> params) throws BadQuery {
        for (String name : params.keySet()) {
            if (name.equals("domain") || name.equals("state")) {
                throw new BadQuery("objects are not filtered by " + name + " yet",
                        "GET /api/objects/{cid} shows where each fragment lives and its state; /api/nodes takes " + name + "=");
            }
            if (!KNOWN.contains(name)) {
                throw new BadQuery("unknown parameter '" + name + "'", "use limit, after or label (docs/api.md)");
            }
        }
        Optional<String> after = NodeQuery.single(params, "after");
        if (after.isPresent() && Cid.tryParse(after.get()).isEmpty()) {
            throw new BadQuery("after '" + after.get() + "' is not a content id", "pass the 'next' of the previous page");
        }
        return new ObjectQuery(NodeQuery.limit(params), after, NodeQuery.label(params));
    }
}
