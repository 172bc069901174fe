package dev.kwam.consensus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test peers. A group's addresses must all be known before its first peer starts, so ports are
 * chosen well before they are bound: they come from below Linux's ephemeral range (32768+), where no
 * outgoing connection takes them meanwhile, and none is handed out twice in this JVM.
 */
public final class LoopbackPorts {
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** {@code count} distinct ports free on loopback now, in 20000-31999. */
    public static List<Integer> take(int count) {
        List<Integer> out = new ArrayList<>(count);
        int tries = 0;
        while (out.size() < count) {
            if (++tries > 500) {
                throw new UncheckedIOException(new IOException("fewer than " + count + " free loopback ports in 20000-31999"));
            }
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (GIVEN.add(candidate) && bindable(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false; // someone else's: keep it in GIVEN so it is not probed again
        }
    }
}
