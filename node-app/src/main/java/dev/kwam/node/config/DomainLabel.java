package dev.kwam.node.config;

import java.util.regex.Pattern;

/**
 * One fault-domain label of a node ({@code --domain rack=r1}). Published to the cluster as the
 * member role {@code domain:KIND=VALUE} (see {@link #role()}), so placement can read every member's
 * domains from the membership without another protocol.
 */
public record DomainLabel(String kind, String value) {
    /** Prefix of member roles that carry a domain label. */
    public static final String ROLE_PREFIX = "domain:";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public DomainLabel {
        if (!TOKEN.matcher(kind).matches()) {
            throw new IllegalArgumentException("domain kind '" + kind + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("domain value '" + value + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
    }

    /** Parses {@code KIND=VALUE}. */
    public static DomainLabel parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + text + "' is not KIND=VALUE (e.g. rack=r1)");
        }
        return new DomainLabel(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /** The member role carrying this label, e.g. {@code domain:rack=r1}. */
    public String role() {
        return ROLE_PREFIX + kind + "=" + value;
    }

    /** The label a role carries, if it is a domain role. */
    public static java.util.Optional<DomainLabel> fromRole(String role) {
        if (!role.startsWith(ROLE_PREFIX)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(parse(role.substring(ROLE_PREFIX.length())));
    }

    @Override
    public String toString() {
        return kind + "=" + value;
    }
}
