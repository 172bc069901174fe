package dev.kwam.node.config;

/** A node to join at start: the host and control port of a running node ({@code --seed HOST:P1}). */
public record SeedAddress(String host, int port) {

    public SeedAddress {
        if (host.isBlank()) {
            throw new IllegalArgumentException("a seed needs a host");
        }
        NodeSettings.checkPort("seed port", port, false);
    }

    /** Parses {@code HOST:PORT}; IPv6 literals in brackets ({@code [::1]:7400}) are accepted. */
    public static SeedAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port", e);
        }
        return new SeedAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
