package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.ParseCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SPIFFE ID validation per the SPIFFE-ID specification (section 2): scheme {@code spiffe://}
 * in lowercase; a non-empty trust domain of {@code [a-z0-9._-]}, at most 255 bytes; an optional
 * path of segments of {@code [a-zA-Z0-9._-]}, none empty, {@code .} or {@code ..}, no trailing
 * slash; no port, user info, query or fragment; at most 2048 bytes in all. KWAM adds one thing:
 * a segment may be exactly {@code *} in a grant pattern, which the result reports so the parser can
 * refuse it everywhere else.
 */
public final class SpiffeIds {
    public static final String SCHEME = "spiffe://";
    public static final int MAX_BYTES = 2048;
    public static final int MAX_TRUST_DOMAIN_BYTES = 255;

    /** A valid ID (or pattern, when {@code pattern}) split into its trust domain and path segments. */
    public record Parts(String trustDomain, List<String> segments, boolean pattern) {
    }

    private SpiffeIds() {
    }

    public static Checked<Parts> parse(String text) {
        if (!text.startsWith(SCHEME)) {
            String hint = text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                    ? "the scheme is lowercase: spiffe://" : "a SPIFFE ID looks like spiffe://example.org/ns/workload";
            return bad(ParseCode.BAD_SPIFFE_ID, 0, Math.min(text.length(), SCHEME.length()),
                    "a SPIFFE ID must start with 'spiffe://'", hint);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return bad(ParseCode.BAD_SPIFFE_ID, 0, text.length(),
                    "a SPIFFE ID is at most " + MAX_BYTES + " bytes; this one has "
                            + text.getBytes(StandardCharsets.UTF_8).length, "shorten the path");
        }
        int tdStart = SCHEME.length();
        for (int i = tdStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?') {
                return bad(ParseCode.BAD_SPIFFE_ID, i, text.length(), "a SPIFFE ID must not have a query ('?…')",
                        "remove everything from '?' on");
            }
            if (c == '#') {
                return bad(ParseCode.BAD_SPIFFE_ID, i, text.length(), "a SPIFFE ID must not have a fragment ('#…')",
                        "remove everything from '#' on; a comment needs a space before '#'");
            }
        }
        int slash = text.indexOf('/', tdStart);
        int tdEnd = slash < 0 ? text.length() : slash;
        if (tdEnd == tdStart) {
            return bad(ParseCode.BAD_SPIFFE_ID, tdStart, tdStart + 1, "the trust domain is empty",
                    "name the trust domain: spiffe://example.org/…");
        }
        if (tdEnd - tdStart > MAX_TRUST_DOMAIN_BYTES) {
            return bad(ParseCode.BAD_SPIFFE_ID, tdStart, tdEnd,
                    "a trust domain is at most " + MAX_TRUST_DOMAIN_BYTES + " bytes", "shorten the trust domain");
        }
        for (int i = tdStart; i < tdEnd; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return bad(ParseCode.BAD_SPIFFE_ID, i, tdEnd, "a SPIFFE ID must not have a port",
                        "remove ':" + text.substring(i + 1, tdEnd) + "'");
            }
            if (c == '@') {
                return bad(ParseCode.BAD_SPIFFE_ID, tdStart, i + 1, "a SPIFFE ID must not have user info ('…@')",
                        "remove '" + text.substring(tdStart, i + 1) + "'");
            }
            if (c == '*') {
                return bad(ParseCode.WILDCARD_NOT_ALLOWED, i, i + 1, "the trust domain cannot be a pattern",
                        "name the trust domain exactly; '*' is allowed only as a whole path segment");
            }
            if (c >= 'A' && c <= 'Z') {
                return bad(ParseCode.BAD_SPIFFE_ID, i, i + 1, "a trust domain is lowercase",
                        "write '" + text.substring(tdStart, tdEnd).toLowerCase(java.util.Locale.ROOT) + "'");
            }
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return bad(ParseCode.BAD_SPIFFE_ID, i, i + 1, "'" + printable(c) + "' is not allowed in a trust domain",
                        "a trust domain holds only a-z, 0-9, '.', '_' and '-'");
            }
        }
        List<String> segments = new ArrayList<>();
        boolean pattern = false;
        int pos = tdEnd;
        while (pos < text.length()) {
            int segStart = pos + 1;
            int next = text.indexOf('/', segStart);
            int segEnd = next < 0 ? text.length() : next;
            String segment = text.substring(segStart, segEnd);
            if (segment.isEmpty()) {
                boolean trailing = segEnd == text.length();
                return bad(ParseCode.BAD_SPIFFE_ID, pos, pos + 1,
                        trailing ? "a SPIFFE ID must not end with '/'" : "a SPIFFE ID path has an empty segment ('//')",
                        trailing ? "remove the trailing '/'" : "remove the extra '/'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return bad(ParseCode.BAD_SPIFFE_ID, segStart, segEnd,
                        "a SPIFFE ID path segment must not be '" + segment + "'", "name the segment; relative segments are not allowed");
            }
            if (segment.equals("*")) {
                pattern = true;
            } else {
                for (int i = segStart; i < segEnd; i++) {
                    char c = text.charAt(i);
                    if (c == '*') {
                        return bad(ParseCode.WILDCARD_NOT_ALLOWED, segStart, segEnd,
                                "'*' must be a whole path segment, not part of '" + segment + "'",
                                "write '/*/' to match any one segment");
                    }
                    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                            || c == '-')) {
                        return bad(ParseCode.BAD_SPIFFE_ID, i, i + 1, "'" + printable(c) + "' is not allowed in a SPIFFE ID path",
                                "path segments hold only letters, digits, '.', '_' and '-' (no percent-encoding)");
                    }
                }
            }
            segments.add(segment);
            pos = segEnd;
        }
        return Checked.valid(new Parts(text.substring(tdStart, tdEnd), segments, pattern));
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static <T> Checked<T> bad(ParseCode code, int from, int to, String message, String hint) {
        return Checked.invalid(Rejection.of(code, from, to, message, hint));
    }
}
