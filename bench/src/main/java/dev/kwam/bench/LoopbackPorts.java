package dev.kwam.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the benchmark's Raft peers. A group's addresses must all be known before its first peer starts,
 * so they come from below Linux's ephemeral range (32768+), where no outgoing connection takes them meanwhile.
 */
final class LoopbackPorts {
    private LoopbackPorts() {
    }

    static List<Integer> take(int count) {
        Set<Integer> out = new HashSet<>();
        for (int tries = 0; out.size() < count; tries++) {
            if (tries > 500) {
                throw new UncheckedIOException(new IOException("fewer than " + count + " free loopback ports in 20000-31999"));
            }
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (bindable(candidate)) {
                out.add(candidate);
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
