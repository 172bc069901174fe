package dev.kwam.dsl.identity;

import java.util.List;

/**
 * KWAM's node identity shape, {@code spiffe://<trust-domain>/<tenant>/<cluster>/<az>/<pod>/<node>/<workload>}
 * (docs/architecture.md, "Identity and transport"). General SPIFFE parsing accepts any path; this
 * type is for the places that need the node's parts by name.
 */
record KwamNodeId(String trustDomain, String tenant, String cluster, String az, String pod, String node,
                         String workload) {
    /** The number of path segments of the node shape. */
    public static final int SEGMENTS = 6;

    /** Validates every part, as a SPIFFE ID as a whole; throws {@link InvalidSpiffeIdException}. */
    public KwamNodeId {
        SpiffeId id = SpiffeId.of(trustDomain, List.of(tenant, cluster, az, pod, node, workload));
        if (id.segments().size() != SEGMENTS) {
            throw new InvalidSpiffeIdException(id.toString(), shapeError(id));
        }
    }

    /** The node form of {@code id}, or why it does not have that shape. */
    public static SpiffeIdResult<KwamNodeId> from(SpiffeId id) {
        List<String> s = id.segments();
        if (s.size() != SEGMENTS) {
            return new SpiffeIdResult.Invalid<>(id.toString(), shapeError(id));
        }
        return new SpiffeIdResult.Valid<>(new KwamNodeId(id.trustDomain(), s.get(0), s.get(1), s.get(2), s.get(3),
                s.get(4), s.get(5)));
    }

    /** Parses the text as a SPIFFE ID, then requires the node shape. */
    public static SpiffeIdResult<KwamNodeId> tryParse(String text) {
        SpiffeIdResult<SpiffeId> parsed = SpiffeId.tryParse(text);
        if (parsed instanceof SpiffeIdResult.Invalid<SpiffeId> invalid) {
            return new SpiffeIdResult.Invalid<>(text, invalid.error());
        }
        return from(((SpiffeIdResult.Valid<SpiffeId>) parsed).value());
    }

    public SpiffeId spiffeId() {
        return SpiffeId.of(trustDomain, List.of(tenant, cluster, az, pod, node, workload));
    }

    @Override
    public String toString() {
        return spiffeId().toString();
    }

    /** Too few segments: point at the end; too many: point at the first extra segment. */
    private static SpiffeIdError shapeError(SpiffeId id) {
        String text = id.toString();
        int offset = text.length();
        if (id.segments().size() > SEGMENTS) {
            offset = SpiffeId.SCHEME.length() + id.trustDomain().length();
            for (int i = 0; i < SEGMENTS; i++) {
                offset += 1 + id.segments().get(i).length();
            }
            offset += 1;
        }
        return new SpiffeIdError(SpiffeIdError.Code.NOT_KWAM_NODE_SHAPE, offset,
                "a KWAM node ID has 6 path segments, this one has " + id.segments().size(),
                "write spiffe://<trust-domain>/<tenant>/<cluster>/<az>/<pod>/<node>/<workload>");
    }
}
