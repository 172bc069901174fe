package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.codec.Cid;
import dev.kwam.node.cli.ExitCodes;
import dev.kwam.node.cli.KwamCli;
import dev.kwam.node.up.RunningNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kwam node cordon / uncordon} on four real nodes: a cordoned node gets no fragment of new objects
 * (protected through another node, whose placer learns the mark through consensus), status shows the mark,
 * too few nodes left in service refuse a protect naming the cordoned ones, and uncordon puts a node back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CordonTest {
    private static final Duration ASK = Duration.ofSeconds(30);

    @TempDir
    static Path root;
    private TestCluster cluster;
    private List<RunningNode> nodes;
    private Path clientPki;
    private String out;
    private String err;

    @BeforeAll
    void start() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(TestCluster.TRUST_DOMAIN);
        cluster = new TestCluster(root, ca);
        clientPki = TestCluster.issue(ca, root, "ops");
        nodes = cluster.startOnRacks(4, Map.of(), ASK);
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private int kwam(RunningNode via, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--node", "127.0.0.1:" + via.settings().dataPort(),
                "--pki", clientPki.toString())).toArray(String[]::new);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        int code = cli.execute(all);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private Path file(int seed) throws Exception {
        byte[] data = new byte[300_000 + seed];
        new SplittableRandom(seed).nextBytes(data);
        return Files.write(root.resolve("object-" + seed + ".bin"), data);
    }

    @Test
    @Order(1)
    void anUnknownNodeIsNotCordoned() {
        assertEquals(ExitCodes.CHECK_FAILED, kwam(nodes.get(0), "node", "cordon", "node-9"), out);
        assertTrue(err.contains("no node named 'node-9'"), err);
    }

    @Test
    @Order(2)
    void aCordonedNodeGetsNoNewFragmentsAndStatusShowsIt() throws Exception {
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "node", "cordon", "node-4", "--format", "json"), err);
        assertTrue(out.contains("\"node\":\"node-4\"") && out.contains("\"state\":\"cordoned\""), out);
        RunningNode writer = nodes.get(1);
        TestCluster.await(Duration.ofSeconds(30), "node-2 sees node-4 cordoned", () ->
                kwam(writer, "client", "status") == ExitCodes.OK
                        && out.lines().anyMatch(l -> l.startsWith("node-4 ") && l.contains(" cordoned ")));
        for (int i = 0; i < 4; i++) {
            assertEquals(ExitCodes.OK, kwam(writer, "client", "protect", file(i).toString(), "--data", "2", "--parity", "1"), err);
            Cid cid = Cid.parse(out.strip());
            assertEquals(ExitCodes.OK, kwam(writer, "client", "stat", cid.toString(), "--format", "json"), err);
            assertTrue(out.contains("\"node\":\"node-1\"") || out.contains("\"node\":\"node-2\""), out);
            assertTrue(!out.contains("\"node\":\"node-4\""), "no fragment on the cordoned node: " + out);
        }
    }

    @Test
    @Order(3)
    void tooFewNodesInServiceRefuseAProtectNamingTheCordonedOnes() throws Exception {
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "node", "cordon", "node-3"), err);
        RunningNode writer = nodes.get(0);
        assertEquals(ExitCodes.USAGE_OR_IO, kwam(writer, "client", "protect", file(9).toString(), "--data", "2", "--parity", "1"), out);
        assertTrue(err.contains("take new fragments") && err.contains("node-3") && err.contains("node-4"), err);
    }

    @Test
    @Order(4)
    void uncordonPutsANodeBackInService() throws Exception {
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "node", "uncordon", "node-3"), err);
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "node", "uncordon", "node-4"), err);
        assertTrue(out.contains("every node is in service"), out);
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "client", "protect", file(10).toString(), "--data", "2", "--parity", "1"), err);
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "client", "status"), err);
        assertTrue(!out.contains("cordoned"), out);
    }
}
