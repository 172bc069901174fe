package dev.kwam.dsl.consent;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A concrete resource an action applies to, such as {@code fleet.h100_pool}: dot-separated
 * segments of {@code [A-Za-z0-9_-]}, compared case-sensitively. A deploy's {@code scope} is one of
 * these; wildcards belong only to a token's {@link ResourceGlob}.
 */
public record ResourceName(String text) {
    static final int MAX_CHARS = 256;
    static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    public ResourceName {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("not a resource name: '" + text + "': " + problem);
        }
    }

    public static ResourceName parse(String text) {
        return new ResourceName(text);
    }

    List<String> segments() {
        return List.of(text.split("\\.", -1));
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
        if (text.indexOf('*') >= 0) {
            return "a scope names one resource; '*' belongs only in a token's resource glob";
        }
        for (String segment : text.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return segment.isEmpty() ? "it has an empty segment (a leading, trailing or doubled '.')"
                        : "segment '" + segment + "' may hold only letters, digits, '_' and '-'";
            }
        }
        return null;
    }
}
