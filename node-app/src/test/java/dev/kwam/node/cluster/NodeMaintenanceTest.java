package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ConsentKeyFiles;
import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.ResourceGlob;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.cli.ExitCodes;
import dev.kwam.node.testing.InProcessKwam;
import dev.kwam.node.up.RunningNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's hands on four real nodes (real TLS, one Raft group, the CLI in-process). {@code kwam node cordon /
 * uncordon}: a cordoned node gets no fragment of new objects (protected through another node, whose placer learns the
 * mark through consensus), status shows the mark, too few nodes in service refuse a protect naming the cordoned ones,
 * and uncordon puts a node back. {@code kwam quarantine fragment}: every copy set aside in its holder's quarantine and
 * rebuilt on another node. {@code kwam node drain}: a token for another node is refused; with the right one, the
 * node holding fragments of 50 objects is emptied, and with it stopped every object still recovers byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeMaintenanceTest {
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final MintingKey OPS = MintingKey.generate("acme-prod", "ops-key");
    private static final Pattern FRAGMENT = Pattern.compile(
            "\\{\"index\":(\\d+),\"cid\":\"(sha256:[0-9a-f]{64})\",\"node\":\"([^\"]+)\",\"state\":\"(\\w+)\"");

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
        Path keyring = Files.createDirectories(root.resolve("keyring"));
        ConsentKeyFiles.write(OPS, root.resolve("ops-key"));
        Files.copy(root.resolve("ops-key").resolve(OPS.identity().id() + ConsentKeyFiles.PUBLIC_SUFFIX),
                keyring.resolve(OPS.identity().id() + ConsentKeyFiles.PUBLIC_SUFFIX));
        nodes = cluster.startOnRacks(4, Map.of("kwam.node.keyring", keyring.toString()), ASK);
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
        InProcessKwam run = InProcessKwam.run(all);
        out = run.out();
        err = run.err();
        return run.code();
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
        // The HUD's API says the same, from the same view, labelled LIVE.
        var api = cluster.get(writer.metricsAddress().getPort(), "/api/nodes?state=cordoned");
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"name\":\"node-4\"") && api.body().contains("\"total\":1")
                && api.body().contains("\"source\":\"LIVE\""), api.body());
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

    @Test
    @Order(5)
    void aQuarantinedFragmentIsSetAsideOnItsHolderAndRebuiltOnAnotherNode() throws Exception {
        RunningNode via = nodes.get(0);
        Path original = file(20);
        assertEquals(ExitCodes.OK, kwam(via, "client", "protect", original.toString(), "--data", "2", "--parity", "1"), err);
        Cid object = Cid.parse(out.strip());
        assertEquals(ExitCodes.OK, kwam(via, "client", "stat", object.toString(), "--format", "json"), err);
        Matcher first = FRAGMENT.matcher(out);
        assertTrue(first.find(), out);
        int index = Integer.parseInt(first.group(1));
        Cid fragment = Cid.parse(first.group(2));
        String holder = first.group(3);

        // A HUD reader: from now on the node follows the repairs' steps.
        assertEquals(200, cluster.get(via.metricsAddress().getPort(), "/api/events").statusCode());
        String token = token(Capability.QUARANTINE, "fragment." + fragment.hex(), Optional.of(fragment));
        assertEquals(ExitCodes.OK, kwam(via, "quarantine", "fragment", fragment.toString(), "--grant", token,
                "--reason", "suspect drive"), err);
        assertTrue(out.contains(holder) && out.contains("set aside"), out);
        try (Stream<Path> aside = Files.list(root.resolve("data-" + holder).resolve("store").resolve("quarantine"))) {
            assertTrue(aside.anyMatch(p -> p.getFileName().toString().startsWith(fragment.hex() + ".")),
                    "the holder keeps the copy in its quarantine/");
        }
        TestCluster.await(Duration.ofSeconds(150), "fragment " + index + " rebuilt on a node other than " + holder, () -> {
            kwam(via, "client", "stat", object.toString(), "--format", "json");
            Matcher m = FRAGMENT.matcher(out);
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) == index) {
                    return !m.group(3).equals(holder) && m.group(4).equals("ok") && m.group(2).equals(fragment.toString());
                }
            }
            return false;
        });
        assertArrayEquals(Files.readAllBytes(original), TestCluster.recover(via, object, ASK));
        // The HUD's API shows the same placement, each fragment labelled.
        var api = cluster.get(via.metricsAddress().getPort(), "/api/objects/" + object);
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"cid\":\"" + fragment + "\"") && api.body().contains("\"source\":\"LIVE\""), api.body());
        // The HUD saw the repair: its steps in /api/events, the SHA gate's pass in /api/repairs, and the headline.
        TestCluster.await(Duration.ofSeconds(30), "the repair's steps in /api/events", () -> {
            try {
                String events = cluster.get(via.metricsAddress().getPort(), "/api/events?type=repair&limit=1000").body();
                return events.contains("\"step\":\"gated\"") && events.contains("\"step\":\"completed\"");
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        var repairs = cluster.get(via.metricsAddress().getPort(), "/api/repairs");
        assertEquals(200, repairs.statusCode(), repairs.body());
        assertTrue(repairs.body().matches(".*\"sha_gate\":\\{\"passed\":[1-9].*"),
                repairs.body());
        var headline = cluster.get(via.metricsAddress().getPort(), "/api/durability");
        assertEquals(200, headline.statusCode(), headline.body());
        assertTrue(headline.body().contains("\"codec\":\"rs(2,1)\"") && headline.body().contains("\"summary\":\"survives any 1 node"),
                headline.body());
        // The token was spent: the same quarantine again is refused.
        assertEquals(ExitCodes.CHECK_FAILED, kwam(via, "quarantine", "fragment", fragment.toString(), "--grant", token), out);
        assertTrue(err.contains("KW-L213"), err);
    }

    @Test
    @Order(6)
    void aTokenForAnotherNodeDoesNotDrainThisOne() throws Exception {
        assertEquals(ExitCodes.CHECK_FAILED, kwam(nodes.get(0), "node", "drain", "node-4", "--grant",
                token(Capability.DRAIN, "node.node-3", Optional.empty())), out);
        assertTrue(err.contains("node.node-4"), err);
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "node", "drain-status", "node-4", "--format", "json"), err);
        assertTrue(out.contains("\"state\":\"in service\""), out);
    }

    @Test
    @Order(7)
    void aDrainedNodeCanBeStoppedAndEveryObjectItHeldStillRecovers() throws Exception {
        RunningNode via = nodes.get(0);
        Map<Cid, byte[]> objects = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            byte[] data = new byte[2_000 + 97 * i];
            new SplittableRandom(1000 + i).nextBytes(data);
            Path f = Files.write(root.resolve("small-" + i + ".bin"), data);
            assertEquals(ExitCodes.OK, kwam(via, "client", "protect", f.toString(), "--data", "2", "--parity", "1"), err);
            objects.put(Cid.parse(out.strip()), data);
        }
        assertEquals(ExitCodes.OK, kwam(via, "node", "drain-status", "node-4", "--format", "json"), err);
        Matcher held = Pattern.compile("\"remaining\":(\\d+)").matcher(out);
        assertTrue(held.find() && Integer.parseInt(held.group(1)) >= 30, "node-4 holds fragments of most objects: " + out);

        assertEquals(ExitCodes.OK, kwam(via, "node", "drain", "node-4", "--grant", token(Capability.DRAIN, "node.node-4",
                Optional.empty()), "--timeout-minutes", "4"), err);
        assertTrue(out.contains("drained") && out.contains("remaining 0"), out);
        assertTrue(err.contains("marked draining") && err.contains("re-placed"), err);
        TestCluster.await(Duration.ofSeconds(30), "node-1's status shows node-4 drained", () ->
                kwam(via, "client", "status") == ExitCodes.OK
                        && out.lines().anyMatch(l -> l.startsWith("node-4 ") && l.contains(" drained ")));

        RunningNode drained = nodes.get(3);
        drained.shutdown();
        assertTrue(drained.awaitTermination(Duration.ofSeconds(60)), "node-4 stopped");
        for (Map.Entry<Cid, byte[]> e : objects.entrySet()) {
            assertArrayEquals(e.getValue(), TestCluster.recover(via, e.getKey(), ASK), "object " + e.getKey());
        }
    }

    @Test
    @Order(8)
    void aDrainedNodeIsNotCordonedOverButItsMarkCanBeCleared() throws Exception {
        assertEquals(ExitCodes.USAGE_OR_IO, kwam(nodes.get(0), "node", "cordon", "node-4"), out);
        assertTrue(err.contains("is drained"), err);
        assertEquals(ExitCodes.OK, kwam(nodes.get(0), "node", "uncordon", "node-4"), err);
        assertTrue(out.contains("every node is in service"), out);
    }

    private static String token(Capability capability, String glob, Optional<Cid> digest) throws Exception {
        ConsentToken t = ConsentMint.mint(OPS, List.of(capability), ResourceGlob.parse(glob), Duration.ofMinutes(30), digest,
                Clock.systemUTC());
        return TokenCodec.encode(t);
    }
}
