package dev.kwam.dsl.policy;

import java.util.Objects;
import java.util.OptionalInt;

/** {@code kwam-seed.internal} or {@code seed.internal:7400}; a host without a port takes the server's control port. */
public record HostPort(String host, OptionalInt port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
    }

    @Override
    public String toString() {
        return port.isPresent() ? host + ":" + port.getAsInt() : host;
    }
}
