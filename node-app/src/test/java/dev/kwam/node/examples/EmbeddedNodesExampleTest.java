package dev.kwam.node.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps docs/integrators.md honest: its embedded example runs as written. */
class EmbeddedNodesExampleTest {
    @TempDir
    Path dir;

    @Test
    void twoEmbeddedNodesProtectAndRecover() throws Exception {
        int[] ports = new int[6];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = freePort();
        }
        assertEquals("hello, erasure-coded world", EmbeddedNodesExample.run(dir, ports));
    }

    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port"));
    }
}
