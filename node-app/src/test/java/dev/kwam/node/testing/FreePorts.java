package dev.kwam.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports for node-app's tests to bind. */
public final class FreePorts {
    /**
     * Every port returned in this JVM: a node's control and data ports are picked one after the other and bound
     * later, so without this the same free port could be handed out twice (seen: "control 23673, data 23673").
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port free now, below Linux's ephemeral range (32768-60999): a port picked there now and bound later can be
     * taken meanwhile by any outbound connection, including a joiner already dialling it, which is exactly what
     * happened when a seed was started after its joiner. Ports here are only ever bound on purpose.
     */
    public static int loopback() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) {
                continue; // free now, but given to an earlier caller that may not have bound it yet
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port in 20000-32000 after 200 tries"));
    }
}
