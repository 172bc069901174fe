package dev.kwam.dsl.identity;

import dev.kwam.dsl.identity.SpiffeIdError.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SPIFFE ID grammar (SPIFFE-ID specification, sections 2.1–2.3), KWAM's only one: the policy
 * lexer, the PKI and the CLI all scan with it, so an identity the policy accepts is one a certificate
 * can carry. Scanned left to right so that the error reported is always the first offending
 * character. Every character a valid ID may hold is ASCII, so the string index of a valid prefix
 * equals its byte offset and the byte limits of the specification (2048 for the whole ID, scheme
 * included; 255 for the trust domain, RFC 3986's limit for a host) can be checked by index.
 */
final class SpiffeIdSyntax {
    static final String SCHEME = "spiffe://";
    static final int MAX_LENGTH = 2048;
    static final int MAX_TRUST_DOMAIN_LENGTH = 255;
    static final String WILDCARD = "*";

    /** What a successful scan found: the trust domain and the path segments (wildcards included). */
    record Parts(String trustDomain, List<String> segments) {
    }

    private final String text;
    private final boolean pattern;

    private SpiffeIdSyntax(String text, boolean pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** Scans {@code text}; wildcard segments are accepted only when {@code pattern}. */
    static SpiffeIdResult<Parts> scan(String text, boolean pattern) {
        try {
            return new SpiffeIdResult.Valid<>(new SpiffeIdSyntax(text, pattern).parts());
        } catch (Refusal refusal) {
            return new SpiffeIdResult.Invalid<>(text, refusal.error);
        }
    }

    private Parts parts() {
        if (text.isEmpty()) {
            throw refuse(Code.EMPTY, 0, "the text is empty",
                    "write a SPIFFE ID such as spiffe://example.org/tenant/cluster/az/pod/node/workload");
        }
        scheme();
        int start = SCHEME.length();
        int i = start;
        for (; i < text.length() && text.charAt(i) != '/'; i++) {
            withinLimits(i);
            if (i - start >= MAX_TRUST_DOMAIN_LENGTH) {
                throw refuse(Code.TRUST_DOMAIN_TOO_LONG, i, start, trustDomainEnd(),
                        "the trust domain is longer than 255 bytes", "use a shorter trust domain name");
            }
            trustDomainCharacter(i);
        }
        if (i == start) {
            throw refuse(Code.TRUST_DOMAIN_MISSING, start, "the trust domain is missing",
                    "name the trust domain right after spiffe://, e.g. spiffe://example.org/...");
        }
        String trustDomain = text.substring(start, i);
        List<String> segments = new ArrayList<>();
        while (i < text.length()) {
            withinLimits(i);
            int slash = i;
            int segmentStart = slash + 1;
            int j = segmentStart;
            for (; j < text.length() && text.charAt(j) != '/'; j++) {
                withinLimits(j);
                segmentCharacter(j, segmentStart);
            }
            String segment = text.substring(segmentStart, j);
            if (segment.isEmpty()) {
                if (j == text.length()) {
                    throw refuse(Code.TRAILING_SLASH, slash, "the path ends with a slash",
                            "remove the trailing '/'");
                }
                throw refuse(Code.EMPTY_SEGMENT, j, slash, j + 1, "the path has an empty segment ('//')",
                        "remove the extra '/' or name the missing segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw refuse(Code.DOT_SEGMENT, segmentStart, segmentStart, j, "the path has a '" + segment + "' segment",
                        "SPIFFE IDs are not relative paths; write the segment out (dots are allowed inside a name, e.g. 'v1.2')");
            }
            segments.add(segment);
            i = j;
        }
        return new Parts(trustDomain, List.copyOf(segments));
    }

    private void scheme() {
        for (int i = 0; i < SCHEME.length(); i++) {
            if (i >= text.length() || text.charAt(i) != SCHEME.charAt(i)) {
                boolean wrongCase = text.length() >= SCHEME.length()
                        && text.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME);
                throw refuse(Code.SCHEME, i, 0, Math.max(i + 1, Math.min(SCHEME.length(), text.length())),
                        i >= text.length() ? "the text ends before the scheme 'spiffe://' is complete"
                                : "a SPIFFE ID must start with 'spiffe://'",
                        wrongCase ? "write the scheme in lowercase: spiffe://"
                                : "start with spiffe://, e.g. spiffe://example.org/tenant/cluster/az/pod/node/workload");
            }
        }
    }

    private void withinLimits(int i) {
        if (i >= MAX_LENGTH) {
            throw refuse(Code.TOO_LONG, i, 0, text.length(), "the SPIFFE ID is longer than 2048 bytes",
                    "use fewer or shorter path segments");
        }
    }

    private void trustDomainCharacter(int i) {
        char c = text.charAt(i);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
            return;
        }
        uriPartOutsideSpiffe(i, c);
        if (c >= 'A' && c <= 'Z') {
            throw refuse(Code.TRUST_DOMAIN_CHARACTER, i, "the trust domain has an uppercase letter '" + c + "'",
                    "trust domains are lowercase: write '" + Character.toLowerCase(c) + "'");
        }
        if (c == '*') {
            throw refuse(Code.WILDCARD_NOT_ALLOWED, i, "the trust domain cannot be a wildcard",
                    "write the trust domain out; '*' may stand only for whole path segments in a pattern");
        }
        throw refuse(Code.TRUST_DOMAIN_CHARACTER, i, "the trust domain has the character " + shown(c),
                "a trust domain holds only lowercase letters, digits, '.', '-' and '_'");
    }

    private void segmentCharacter(int i, int segmentStart) {
        char c = text.charAt(i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_') {
            return;
        }
        if (c == '*') {
            if (!pattern) {
                throw refuse(Code.WILDCARD_NOT_ALLOWED, i, "'*' is not allowed in a SPIFFE ID",
                        "wildcards belong in grant patterns only; name the segment exactly");
            }
            boolean wholeSegment = i == segmentStart && (i + 1 == text.length() || text.charAt(i + 1) == '/');
            if (!wholeSegment) {
                int segmentEnd = text.indexOf('/', i);
                throw refuse(Code.PARTIAL_WILDCARD, i, segmentStart, segmentEnd < 0 ? text.length() : segmentEnd,
                        "'*' must be a whole path segment",
                        "write '/*/' to match any one segment; partial matches such as 'node-*' are not supported");
            }
            return;
        }
        if (c == '@' || c == ':') {
            throw refuse(Code.SEGMENT_CHARACTER, i, "a path segment has the character " + shown(c),
                    "a segment holds only letters, digits, '.', '-' and '_'");
        }
        uriPartOutsideSpiffe(i, c);
        throw refuse(Code.SEGMENT_CHARACTER, i, "a path segment has the character " + shown(c),
                "a segment holds only letters, digits, '.', '-' and '_'");
    }

    /** URI features a SPIFFE ID forbids outright get their own reasons: they are the usual mistakes. */
    private void uriPartOutsideSpiffe(int i, char c) {
        switch (c) {
            case ':':
                throw refuse(Code.PORT, i, i, trustDomainEnd(), "a SPIFFE ID has no port",
                        "remove ':' and what follows it in the trust domain");
            case '@':
                throw refuse(Code.USERINFO, i, SCHEME.length(), i + 1, "a SPIFFE ID has no user info",
                        "remove the part up to and including '@'");
            case '%':
                throw refuse(Code.PERCENT_ENCODING, i, "percent-encoding is not allowed in a SPIFFE ID",
                        "write the characters themselves; only letters, digits, '.', '-' and '_' are allowed");
            case '?':
                throw refuse(Code.QUERY, i, i, text.length(), "a SPIFFE ID has no query", "remove '?' and what follows it");
            case '#':
                throw refuse(Code.FRAGMENT, i, i, text.length(), "a SPIFFE ID has no fragment",
                        "remove '#' and what follows it");
            default:
                // Not a URI delimiter: the caller reports it as an ordinary bad character.
        }
    }

    /** Where the trust domain would end: at the first '/' after the scheme, else at the end of the text. */
    private int trustDomainEnd() {
        int slash = text.indexOf('/', SCHEME.length());
        return slash < 0 ? text.length() : slash;
    }

    private static String shown(char c) {
        if (c < 0x20 || c == 0x7f || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static Refusal refuse(Code code, int offset, String reason, String hint) {
        return new Refusal(new SpiffeIdError(code, offset, reason, hint));
    }

    private static Refusal refuse(Code code, int offset, int partStart, int partEnd, String reason, String hint) {
        return new Refusal(new SpiffeIdError(code, offset, reason, hint, partStart, partEnd));
    }

    /** Unwinds the scan to {@link #scan}, which returns the error as a value; never escapes this class. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SpiffeIdError error;

        Refusal(SpiffeIdError error) {
            super(error.reason(), null, false, false);
            this.error = error;
        }
    }
}
