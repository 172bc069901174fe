package dev.kwam.node.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.node.testing.FreePorts;
import java.nio.file.Path;
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
            ports[i] = FreePorts.loopback();
        }
        assertEquals("hello, erasure-coded world", EmbeddedNodesExample.run(dir, ports));
    }
}
