package dev.kwam.dsl.consent;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The set of resources a consent token covers, written like a {@link ResourceName} with two
 * wildcards: {@code *} inside a segment matches any run (possibly empty) of characters within that
 * one segment, never a '.'; a segment that is exactly {@code **} matches zero or more whole
 * segments. So {@code fleet.h100_pool*} covers {@code fleet.h100_pool} and {@code fleet.h100_pool_b}
 * but not {@code fleet.h100_pool.rack1}; {@code fleet.**} covers {@code fleet} and everything
 * below it; {@code **} covers every resource. Matching is case-sensitive.
 *
 * <p>Action scopes are concrete names, so "scope ⊆ glob" is exactly "the glob matches the name";
 * {@link #covers} is that test.
 */
public record ResourceGlob(String text) {
    static final int MAX_CHARS = 256;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_*-]+");
    private static final String ANY_SEGMENTS = "**";

    public ResourceGlob {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("not a resource glob: '" + text + "': " + problem);
        }
    }

    public static ResourceGlob parse(String text) {
        return new ResourceGlob(text);
    }

    /** True when {@code scope} is one of the resources this glob covers. */
    boolean covers(ResourceName scope) {
        List<String> glob = List.of(text.split("\\.", -1));
        List<String> name = scope.segments();
        int g = glob.size();
        int n = name.size();
        // matches[i][j]: glob segments i.. cover name segments j.. (filled from the end).
        boolean[][] matches = new boolean[g + 1][n + 1];
        matches[g][n] = true;
        for (int i = g - 1; i >= 0; i--) {
            boolean anySegments = glob.get(i).equals(ANY_SEGMENTS);
            for (int j = n; j >= 0; j--) {
                if (anySegments) {
                    matches[i][j] = matches[i + 1][j] || (j < n && matches[i][j + 1]);
                } else {
                    matches[i][j] = j < n && segmentMatches(glob.get(i), name.get(j)) && matches[i + 1][j + 1];
                }
            }
        }
        return matches[0][0];
    }

    /** '*' within one segment: the greedy matcher with one backtrack point, exact for '*'-only patterns. */
    static boolean segmentMatches(String pattern, String segment) {
        int p = 0;
        int s = 0;
        int star = -1;
        int resume = 0;
        while (s < segment.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = s;
            } else if (p < pattern.length() && pattern.charAt(p) == segment.charAt(s)) {
                p++;
                s++;
            } else if (star >= 0) {
                p = star + 1;
                s = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "it is empty";
        }
        if (text.length() > MAX_CHARS) {
            return "longer than " + MAX_CHARS + " characters";
        }
        String previous = "";
        for (String segment : text.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return segment.isEmpty() ? "it has an empty segment (a leading, trailing or doubled '.')"
                        : "segment '" + segment + "' may hold only letters, digits, '_', '-' and '*'";
            }
            if (!segment.equals(ANY_SEGMENTS) && segment.contains(ANY_SEGMENTS)) {
                return "segment '" + segment + "': '**' matches whole segments and must stand alone between dots"
                        + " (use one '*' to match within a segment)";
            }
            if (segment.equals(ANY_SEGMENTS) && previous.equals(ANY_SEGMENTS)) {
                return "'**.**' is the same as '**'; write it once";
            }
            previous = segment;
        }
        return null;
    }
}
