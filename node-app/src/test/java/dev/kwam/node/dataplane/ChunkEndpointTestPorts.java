package dev.kwam.node.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports below the ephemeral range, as TestCluster picks them: only ever bound on purpose. */
final class ChunkEndpointTestPorts {
    private ChunkEndpointTestPorts() {
    }

    static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port in 20000-32000 after 200 tries"));
    }
}
