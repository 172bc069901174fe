package dev.kwam.consensus;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One member of the Raft group as an operator names it on the command line: {@code NAME=HOST:PORT}.
 * The name is the Ratis peer id, so it must be stable across restarts: the log records votes by it.
 */
public record Voter(String name, String host, int port) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public Voter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("voter name '" + name + "' must be 1-63 of [A-Za-z0-9._-], starting alphanumeric");
        }
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("voter " + name + " needs a host and a port in 1-65535, got '" + host + ":" + port + "'");
        }
    }

    /** Parses {@code NAME=HOST:PORT}; refuses anything else with the expected shape in the message. */
    public static Voter parse(String text) {
        int eq = text.indexOf('=');
        int colon = text.lastIndexOf(':');
        if (eq <= 0 || colon <= eq + 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("voter '" + text + "' is not NAME=HOST:PORT (e.g. n1=127.0.0.1:7400)");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("voter '" + text + "' has a port that is not a number", e);
        }
        return new Voter(text.substring(0, eq), text.substring(eq + 1, colon), port);
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return name + "=" + address();
    }
}
