package dev.kwam.dsl.identity;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A SPIFFE ID ({@code spiffe://<trust-domain>/<path>}), validated by the SPIFFE-ID specification:
 * the one identity type of KWAM, used by the policy language's grants and by the PKI for the URI SAN
 * of every node certificate. Any shape of path is accepted here; KWAM's node shape is
 * {@link KwamNodeId}. An instance is always valid and canonical: its text is exactly what parsed.
 */
public final class SpiffeId implements Comparable<SpiffeId> {
    public static final String SCHEME = SpiffeIdSyntax.SCHEME;
    /** Bytes; the specification's limit for the whole URI. */
    static final int MAX_LENGTH = SpiffeIdSyntax.MAX_LENGTH;
    /** Bytes; the specification's limit for the trust domain name. */
    static final int MAX_TRUST_DOMAIN_LENGTH = SpiffeIdSyntax.MAX_TRUST_DOMAIN_LENGTH;

    private final String text;
    private final String trustDomain;
    private final List<String> segments;

    private SpiffeId(String text, String trustDomain, List<String> segments) {
        this.text = text;
        this.trustDomain = trustDomain;
        this.segments = segments;
    }

    /** Parses a SPIFFE ID, returning the error (offset, reason, hint) as a value. */
    public static SpiffeIdResult<SpiffeId> tryParse(String text) {
        Objects.requireNonNull(text, "text");
        SpiffeIdResult<SpiffeIdSyntax.Parts> scanned = SpiffeIdSyntax.scan(text, false);
        if (scanned instanceof SpiffeIdResult.Invalid<SpiffeIdSyntax.Parts> invalid) {
            return new SpiffeIdResult.Invalid<>(text, invalid.error());
        }
        SpiffeIdSyntax.Parts parts = ((SpiffeIdResult.Valid<SpiffeIdSyntax.Parts>) scanned).value();
        return new SpiffeIdResult.Valid<>(new SpiffeId(text, parts.trustDomain(), parts.segments()));
    }

    /** Parses a SPIFFE ID; throws {@link InvalidSpiffeIdException} carrying the error. */
    public static SpiffeId parse(String text) {
        return tryParse(text).orThrow();
    }

    /** Parses a grant pattern: a SPIFFE ID whose path segments may each be {@code *}. */
    static SpiffeIdPattern parsePattern(String text) {
        return SpiffeIdPattern.tryParse(text).orThrow();
    }

    /** Parses a grant pattern, returning the error as a value. */
    static SpiffeIdResult<SpiffeIdPattern> tryParsePattern(String text) {
        return SpiffeIdPattern.tryParse(text);
    }

    /**
     * Validates a bare trust domain name (as given to {@code kwam pki init --trust-domain}); the
     * error's offset is within {@code trustDomain}.
     */
    public static SpiffeIdResult<String> tryParseTrustDomain(String trustDomain) {
        Objects.requireNonNull(trustDomain, "trustDomain");
        SpiffeIdResult<SpiffeId> parsed = tryParse(SCHEME + trustDomain);
        if (parsed instanceof SpiffeIdResult.Invalid<SpiffeId> invalid) {
            SpiffeIdError error = invalid.error();
            if (error.code() == SpiffeIdError.Code.TRUST_DOMAIN_MISSING && !trustDomain.isEmpty()) {
                // The name began with '/': the offending character is the slash.
                error = new SpiffeIdError(SpiffeIdError.Code.TRUST_DOMAIN_CHARACTER, SCHEME.length(),
                        "a trust domain cannot contain '/'", "give the trust domain name alone, e.g. example.org");
            }
            return new SpiffeIdResult.Invalid<>(trustDomain, error.shifted(-SCHEME.length()));
        }
        SpiffeId id = ((SpiffeIdResult.Valid<SpiffeId>) parsed).value();
        if (!id.segments().isEmpty()) {
            return new SpiffeIdResult.Invalid<>(trustDomain, new SpiffeIdError(SpiffeIdError.Code.TRUST_DOMAIN_CHARACTER,
                    id.trustDomain().length(), "a trust domain cannot contain '/'",
                    "give the trust domain name alone, e.g. example.org"));
        }
        return new SpiffeIdResult.Valid<>(id.trustDomain());
    }

    /** Builds {@code spiffe://trustDomain/segment/...}, validating the result as a whole. */
    public static SpiffeId of(String trustDomain, List<String> segments) {
        StringBuilder text = new StringBuilder(SCHEME).append(trustDomain);
        for (String segment : segments) {
            text.append('/').append(segment);
        }
        return parse(text.toString());
    }

    public String trustDomain() {
        return trustDomain;
    }

    /** The path segments, in order; empty for the trust domain's own ID ({@code spiffe://example.org}). */
    public List<String> segments() {
        return segments;
    }

    /** The path with its leading slash, or "" when there is none. */
    public String path() {
        return text.substring(SCHEME.length() + trustDomain.length());
    }

    /** The ID of this ID's trust domain itself ({@code spiffe://example.org}). */
    SpiffeId trustDomainId() {
        return segments.isEmpty() ? this : new SpiffeId(SCHEME + trustDomain, trustDomain, List.of());
    }

    public boolean isMemberOf(String otherTrustDomain) {
        return trustDomain.equals(otherTrustDomain);
    }

    URI toUri() {
        return URI.create(text);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpiffeId id && id.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public int compareTo(SpiffeId other) {
        return text.compareTo(other.text);
    }
}
