package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ready} answers 503 with the reason while a node waits for its seed, and 200 once it is Up. */
class ReadinessFlipTest {
    @TempDir
    Path root;

    @Test
    void readyFlipsFrom503To200WhenTheSeedComesUp() throws Exception {
        try (TestCluster cluster = new TestCluster(root, CertificateAuthority.create(TestCluster.TRUST_DOMAIN))) {
            TestCluster.Ports seed = TestCluster.Ports.free();
            TestCluster.Ports joiner = TestCluster.Ports.free();
            cluster.start("joiner", joiner, List.of(seed.control()), Map.of("rack", "r2"));

            HttpResponse<String> waiting = cluster.get(joiner.metrics(), "/ready");
            assertEquals(503, waiting.statusCode(), waiting.body());
            assertTrue(waiting.body().startsWith("{\"ready\":false,\"reasons\":[\"not a cluster member yet: joining 127.0.0.1:"
                    + seed.control() + "\"]"), waiting.body());
            assertTrue(waiting.body().endsWith("\"source\":\"LIVE\"}"), waiting.body());
            assertEquals(200, cluster.get(joiner.metrics(), "/health").statusCode(), "alive while not ready");

            cluster.start("seed", seed, List.of(), Map.of("rack", "r1"));
            TestCluster.await(Duration.ofSeconds(90), "joiner /ready 200", () -> status(cluster, joiner.metrics()) == 200);
            assertEquals(200, status(cluster, seed.metrics()));
        }
    }

    private static int status(TestCluster cluster, int port) {
        try {
            return cluster.get(port, "/ready").statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
