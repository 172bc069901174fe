package dev.kwam.dsl.identity;

import java.util.List;
import java.util.Objects;

/**
 * A grant pattern over SPIFFE IDs, e.g. {@code spiffe://kwam/acme/cl-7/*}{@code /*}{@code /*}{@code /seed}:
 * the grammar of {@link SpiffeId} where a path segment may be {@code *}, which matches exactly one
 * segment. The trust domain is always literal, and segment counts must be equal: a grant never
 * reaches deeper or shallower than it says.
 */
public final class SpiffeIdPattern {
    private final String text;
    private final String trustDomain;
    private final List<String> segments;

    private SpiffeIdPattern(String text, String trustDomain, List<String> segments) {
        this.text = text;
        this.trustDomain = trustDomain;
        this.segments = segments;
    }

    public static SpiffeIdResult<SpiffeIdPattern> tryParse(String text) {
        Objects.requireNonNull(text, "text");
        SpiffeIdResult<SpiffeIdSyntax.Parts> scanned = SpiffeIdSyntax.scan(text, true);
        if (scanned instanceof SpiffeIdResult.Invalid<SpiffeIdSyntax.Parts> invalid) {
            return new SpiffeIdResult.Invalid<>(text, invalid.error());
        }
        SpiffeIdSyntax.Parts parts = ((SpiffeIdResult.Valid<SpiffeIdSyntax.Parts>) scanned).value();
        return new SpiffeIdResult.Valid<>(new SpiffeIdPattern(text, parts.trustDomain(), parts.segments()));
    }

    public static SpiffeIdPattern parse(String text) {
        return tryParse(text).orThrow();
    }

    /** True when {@code id} has this trust domain, as many segments, and each literal segment equal. */
    public boolean matches(SpiffeId id) {
        if (!id.trustDomain().equals(trustDomain) || id.segments().size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String want = segments.get(i);
            if (!want.equals(SpiffeIdSyntax.WILDCARD) && !want.equals(id.segments().get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when the pattern has no wildcard, i.e. matches exactly one SPIFFE ID. */
    public boolean isExact() {
        return !segments.contains(SpiffeIdSyntax.WILDCARD);
    }

    public String trustDomain() {
        return trustDomain;
    }

    /** The segments, {@code "*"} standing for a wildcard. */
    public List<String> segments() {
        return segments;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpiffeIdPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
