package dev.kwam.dsl.module;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The string after {@code import}: a relative, slash-separated name inside a module store, such as
 * {@code std/faultdomains}. Nothing else is resolvable — no absolute paths, no {@code ..}, no URL
 * schemes — so an import can never reach outside the integrity-verified store.
 */
public record ModulePath(String value) {
    private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_SEGMENTS = 8;

    public ModulePath {
        Optional<ModuleRefusal> refusal = check(value);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get().message());
        }
    }

    /** Validates an import string, saying exactly what is wrong with it. */
    public static Optional<ModuleRefusal> check(String value) {
        if (value.contains("://") || value.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return Optional.of(ModuleRefusal.of(ModuleRefusal.Code.FOREIGN_SCHEME, value,
                    "imports name a module in KWAM's module store, not a URL",
                    "write the store path, e.g. \"std/faultdomains\", and pin it with digest \"sha256:…\""));
        }
        if (value.startsWith("/") || value.startsWith("\\") || value.startsWith("~")) {
            return Optional.of(ModuleRefusal.of(ModuleRefusal.Code.ABSOLUTE_PATH, value,
                    "an import cannot name a file outside the module store",
                    "use a store path such as \"std/faultdomains\"; install your own modules into the store"));
        }
        String[] segments = value.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of(ModuleRefusal.of(ModuleRefusal.Code.PATH_TRAVERSAL, value,
                        "'" + segment + "' segments could climb out of the module store",
                        "name the module by its store path without '.' or '..'"));
            }
        }
        if (segments.length > MAX_SEGMENTS) {
            return Optional.of(ModuleRefusal.of(ModuleRefusal.Code.MALFORMED_PATH, value,
                    "a module path has at most " + MAX_SEGMENTS + " segments", "shorten the path"));
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of(ModuleRefusal.of(ModuleRefusal.Code.MALFORMED_PATH, value,
                        "segment '" + segment + "' is not a lowercase name ([a-z][a-z0-9_]*, at most 64 characters)",
                        "module paths look like \"std/faultdomains\""));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
