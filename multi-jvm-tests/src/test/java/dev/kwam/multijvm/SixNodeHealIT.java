package dev.kwam.multijvm;

import static dev.kwam.multijvm.Probes.await;
import static dev.kwam.multijvm.Probes.freePort;
import static dev.kwam.multijvm.Probes.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.client.KwamClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JHMM heals a real cluster of {@code kwam up} processes. Stripes are rs(4,2): six fragments on six
 * distinct nodes. The cluster has eight, so that after two nodes die every stripe still finds six nodes to
 * be whole on — with six nodes and rs(4,2), one death leaves five nodes for six fragments, and full
 * redundancy would need two fragments of a stripe on one node, which placement refuses.
 *
 * <ol>
 *   <li>200 objects of 64–160 KiB are protected through one node (in-process {@link KwamClient}).</li>
 *   <li>{@code kill -9} of one node: the repair must begin within {@value #DETECT_BOUND_S} s (default
 *       {@code stable-after}); while it runs, the node a running repair writes to is killed as well. Every
 *       stripe is back at full redundancy on the six live nodes within {@value #HEAL_BOUND_S} s of that second
 *       kill — each fragment a file on exactly one live node, no two fragments of a stripe on one node — and
 *       all 200 objects recover byte-identical.</li>
 *   <li>One byte is flipped in 10 random fragment files on disk: the scrubber ({@code --scrub-interval 5s})
 *       quarantines all 10, they are rebuilt, and every read meanwhile is exact or fails.</li>
 *   <li>Three of the six nodes are killed at once, more than rs(4,2)'s two parities: reads fail loudly and
 *       leave no output, never wrong bytes.</li>
 * </ol>
 */
class SixNodeHealIT {
    static final int DETECT_BOUND_S = 30;
    static final int HEAL_BOUND_S = 120;
    private static final Duration START = Duration.ofSeconds(240);
    private static final String TRUST_DOMAIN = "kwam.test";
    private static final int NODES = 8;
    private static final int OBJECTS = 200;
    private static final int WIDTH = 6;
    private static final Optional<CodecSpec> RS_4_2 = Optional.of(new CodecSpec.ReedSolomonSpec(4, 2));

    @TempDir
    Path work;

    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final Set<String> dead = new HashSet<>();
    private final Map<Cid, byte[]> objects = new LinkedHashMap<>();

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void killedNodesAndFlippedBytesAreHealedAndNoReadEverReturnsAWrongByte() throws Exception {
        NodeProcess.run(work, List.of("pki", "init", "--trust-domain", TRUST_DOMAIN, "--out", "ca"));
        for (int n = 1; n <= NODES; n++) {
            issue("node-" + n, "pki-node-" + n);
        }
        issue("client-1", "pki-client");
        // Default cluster timing (stable-after 10 s): the detection bound is asserted for what operators run.
        // Two repairs at once keep the repair running long enough to kill one of its targets mid-way.
        Files.writeString(work.resolve("node.conf"), """
                kwam.node.store { reserve = 0, reserve-percent = 0 }
                kwam.node.repair.max-concurrent = 2
                """);

        try (Fleet fleet = new Fleet()) {
            startAll(fleet);
            NodeProcess first = nodes.get("node-1");
            try (KwamClient writer = KwamClient.connect("127.0.0.1", first.dataPort, work.resolve("pki-client"));
                    KwamClient reader = KwamClient.connect("127.0.0.1", nodes.get("node-2").dataPort, work.resolve("pki-client"))) {
                protectObjects(writer);
                assertFullRedundancy(reader, fleet);

                // --- kill -9, and kill a repair's target while it runs
                NodeProcess victim = nodes.get("node-" + NODES);
                long killedAt = System.nanoTime();
                kill(victim);
                RepairStatus running = awaitRunningRepair(reader, fleet);
                double detectedAfter = (System.nanoTime() - killedAt) / 1e9;
                System.out.printf("SixNodeHealIT: repair began %.1f s after kill -9 of %s%n", detectedAfter, victim.name);
                assertTrue(detectedAfter < DETECT_BOUND_S, "repair began " + detectedAfter + " s after the kill");
                String target = killableTarget(reader, fleet, running);
                long secondKillAt = System.nanoTime();
                kill(nodes.get(target));
                System.out.printf("SixNodeHealIT: killed %s, a target of a running repair%n", target);
                awaitFullRedundancy(reader, fleet, Duration.ofSeconds(HEAL_BOUND_S));
                System.out.printf("SixNodeHealIT: full redundancy %.1f s after the second kill (%.1f s after the first)%n",
                        (System.nanoTime() - secondKillAt) / 1e9, (System.nanoTime() - killedAt) / 1e9);
                long recoverStart = System.nanoTime();
                for (Map.Entry<Cid, byte[]> o : objects.entrySet()) {
                    assertRecovers(reader, o.getKey(), o.getValue());
                }
                System.out.printf("SixNodeHealIT: all %d objects recovered byte-identical in %.1f s%n", OBJECTS,
                        (System.nanoTime() - recoverStart) / 1e9);

                // --- bit flips on disk, found by the scrubber
                List<Map.Entry<String, Cid>> flipped = flipTenFragments(reader);
                int reads = 0;
                long healDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HEAL_BOUND_S);
                while (quarantinedOnLiveNodes() < flipped.size()) {
                    // Reads meanwhile: exact, or a loud failure; never a wrong byte.
                    Cid object = objects.keySet().stream().skip(reads % OBJECTS).findFirst().orElseThrow();
                    readExactOrFail(reader, object, objects.get(object));
                    reads++;
                    if (System.nanoTime() > healDeadline) {
                        fail("the scrubber quarantined " + quarantinedOnLiveNodes() + " of " + flipped.size() + fleet.logs());
                    }
                }
                awaitFullRedundancy(reader, fleet, Duration.ofSeconds(HEAL_BOUND_S));
                for (Map.Entry<String, Cid> f : flipped) {
                    assertTrue(rebuilt(reader, f.getValue()), "flipped fragment " + f.getValue() + " (was on " + f.getKey()
                            + ") rebuilt");
                }
                System.out.printf("SixNodeHealIT: 10 flipped fragments quarantined and rebuilt; %d reads meanwhile, all exact%n", reads);
            }

            // --- more than parity: three of the six at once
            List<NodeProcess> live = nodes.values().stream().filter(n -> !dead.contains(n.name)).toList();
            // Keep the side with the lowest address (the Split Brain Resolver's tie-break for equal halves).
            List<NodeProcess> byPort = live.stream().sorted(Comparator.comparingInt(n -> n.controlPort)).toList();
            List<NodeProcess> victims = byPort.subList(3, 6);
            NodeProcess survivor = byPort.get(0);
            for (NodeProcess v : victims) {
                v.process.destroyForcibly();
            }
            for (NodeProcess v : victims) {
                assertTrue(v.process.waitFor(30, TimeUnit.SECONDS));
                dead.add(v.name);
            }
            try (KwamClient last = KwamClient.connect("127.0.0.1", survivor.dataPort, work.resolve("pki-client"))) {
                int tried = 0;
                for (Cid object : objects.keySet()) {
                    if (tried++ == 10) {
                        break;
                    }
                    Path out = work.resolve("lost-" + tried + ".bin");
                    try {
                        last.recover(object, out);
                        fail("recovering " + object + " with three of its six fragments gone must fail");
                    } catch (KwamClientException expected) {
                        assertFalse(Files.exists(out), "no output after a failed recovery");
                    }
                }
            }
        }
    }

    // --- phases ------------------------------------------------------------------------------

    private void startAll(Fleet fleet) throws Exception {
        int seedPort = 0;
        for (int n = 1; n <= NODES; n++) {
            int control = freePort();
            List<String> extra = new ArrayList<>(List.of("--domain", "rack=r" + n, "--config", "node.conf", "--scrub-interval", "5s"));
            if (n == 1) {
                seedPort = control;
            } else {
                extra.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
            }
            NodeProcess node = fleet.add(NodeProcess.start(work, "node-" + n, control, freePort(), freePort(), extra));
            nodes.put("node-" + n, node);
            // One at a time: eight JVMs warming up at once on two cores stall heartbeats past the failure detector's
            // pause (4-5 s seen), and the resolver downs members that were only busy before the test has begun.
            await(START, node.name + " /ready 200", fleet, () -> status(node, "/ready") == 200);
        }
        NodeProcess first = nodes.get("node-1");
        await(START, "node-1 sees " + NODES + " members Up", fleet,
                () -> count(Probes.body(first, "/members"), "\"status\":\"Up\"") == NODES);
    }

    /** Four uploads at a time: the client and the node stream them concurrently, as integrators' clients would. */
    private void protectObjects(KwamClient writer) throws Exception {
        SplittableRandom random = new SplittableRandom(2026);
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            byte[] data = new byte[(64 << 10) + random.nextInt(96 << 10)];
            random.nextBytes(data);
            inputs.add(data);
        }
        long started = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<KwamNode.Protected>> done = new ArrayList<>();
            for (byte[] data : inputs) {
                done.add(pool.submit(() -> writer.protect(new ByteArrayInputStream(data), RS_4_2)));
            }
            for (int i = 0; i < OBJECTS; i++) {
                KwamNode.Protected p = done.get(i).get(5, TimeUnit.MINUTES);
                assertEquals(0, p.unplacedFragments(), "object " + i);
                objects.put(p.object(), inputs.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("SixNodeHealIT: protected %d objects in %.1f s%n", OBJECTS, (System.nanoTime() - started) / 1e9);
    }

    private RepairStatus awaitRunningRepair(KwamClient client, Fleet fleet) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DETECT_BOUND_S + 30);
        while (System.nanoTime() < deadline) {
            try {
                RepairStatus status = client.repairs();
                if (!status.running().isEmpty()) {
                    return status;
                }
            } catch (KwamClientException e) {
                // the JHMM may be busy or moving: ask again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no repair running " + (DETECT_BOUND_S + 30) + " s after the kill" + fleet.logs());
    }

    /**
     * A node a running repair is writing to, other than node-1 (the JHMM's host, whose death would test the
     * hand-over instead) and node-2 (the test's reader). Asks again until one shows up.
     */
    private String killableTarget(KwamClient client, Fleet fleet, RepairStatus first) throws Exception {
        RepairStatus status = first;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            RepairStatus now = status;
            Optional<String> target = now.plan().stripes().stream()
                    .filter(p -> now.running().stream().anyMatch(r -> r.stripe().equals(p.stripe())))
                    .flatMap(p -> p.targets().stream()).map(t -> t.node())
                    .filter(n -> !n.equals("node-1") && !n.equals("node-2")).findFirst();
            if (target.isPresent()) {
                return target.get();
            }
            Thread.sleep(50);
            try {
                status = client.repairs();
            } catch (KwamClientException e) {
                // ask again
            }
        }
        throw new AssertionError("no running repair wrote to a node other than node-1 and node-2" + fleet.logs());
    }

    private List<Map.Entry<String, Cid>> flipTenFragments(KwamClient client) throws Exception {
        SplittableRandom random = new SplittableRandom(10);
        List<Map.Entry<String, Cid>> flipped = new ArrayList<>();
        Set<Cid> stripesHit = new HashSet<>();
        List<Cid> cids = new ArrayList<>(objects.keySet());
        while (flipped.size() < 10) {
            Cid object = cids.get(random.nextInt(cids.size()));
            KwamNode.StripeStat stripe = client.stat(object).stripes().get(0);
            if (!stripesHit.add(stripe.chunk())) {
                continue; // one flip per stripe: the test is about finding them, not about losing stripes
            }
            KwamNode.FragmentStat f = stripe.fragments().get(random.nextInt(WIDTH));
            Path file = fragmentFile(f.node(), f.cid());
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                long at = FragmentHeader.BYTES + random.nextLong(raf.length() - FragmentHeader.BYTES);
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ 0x01);
            }
            flipped.add(Map.entry(f.node(), f.cid()));
        }
        return flipped;
    }

    // --- checks ------------------------------------------------------------------------------

    private void awaitFullRedundancy(KwamClient client, Fleet fleet, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                RepairStatus status = client.repairs();
                if (status.plan().stripes().isEmpty()) {
                    Optional<String> wrong = redundancyProblem(client);
                    if (wrong.isEmpty()) {
                        return;
                    }
                    last = wrong.get();
                } else {
                    last = status.plan().stripes().size() + " stripe(s) in the plan, " + status.running().size() + " running";
                }
            } catch (KwamClientException e) {
                last = e.getMessage();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not at full redundancy within " + bound + ": " + last + fleet.logs());
    }

    /**
     * Empty when every stripe of every object has its six fragments OK on six distinct live nodes, each a file on
     * the node the census names and on no other live node (no duplicates, nothing left half-written elsewhere).
     */
    private Optional<String> redundancyProblem(KwamClient client) throws Exception {
        Map<String, Set<String>> stored = new HashMap<>();
        for (NodeProcess n : nodes.values()) {
            if (!dead.contains(n.name)) {
                stored.put(n.name, storedHex(n.name));
            }
        }
        for (Cid object : objects.keySet()) {
            for (KwamNode.StripeStat stripe : client.stat(object).stripes()) {
                Set<String> holders = new HashSet<>();
                for (KwamNode.FragmentStat f : stripe.fragments()) {
                    if (!f.state().equals("ok") || !stored.containsKey(f.node())) {
                        return Optional.of(object + " stripe " + stripe.index() + ": " + f);
                    }
                    List<String> copies = stored.entrySet().stream().filter(e -> e.getValue().contains(f.cid().hex()))
                            .map(Map.Entry::getKey).toList();
                    if (!copies.equals(List.of(f.node()))) {
                        return Optional.of(f.cid() + " is stored on " + copies + ", the census says " + f.node());
                    }
                    holders.add(f.node());
                }
                if (holders.size() != WIDTH) {
                    return Optional.of(object + " stripe " + stripe.index() + " on " + holders);
                }
            }
        }
        return Optional.empty();
    }

    private void assertFullRedundancy(KwamClient client, Fleet fleet) throws Exception {
        Optional<String> problem = redundancyProblem(client);
        assertTrue(problem.isEmpty(), problem.orElse("") + fleet.logs());
    }

    private boolean rebuilt(KwamClient client, Cid fragment) throws Exception {
        for (Cid object : objects.keySet()) {
            for (KwamNode.StripeStat stripe : client.stat(object).stripes()) {
                for (KwamNode.FragmentStat f : stripe.fragments()) {
                    if (f.cid().equals(fragment)) {
                        Path file = fragmentFile(f.node(), f.cid());
                        return f.state().equals("ok") && Files.isRegularFile(file)
                                && Cid.of(Files.readAllBytes(file), 0, FragmentHeader.BYTES).equals(fragment);
                    }
                }
            }
        }
        return false;
    }

    private void assertRecovers(KwamClient client, Cid object, byte[] expected) throws Exception {
        Path out = work.resolve("recovered.bin");
        client.recover(object, out);
        assertEquals(-1L, Files.mismatch(out, writeTemp(expected)), "object " + object + " recovered byte-identical");
        Files.delete(out);
    }

    private void readExactOrFail(KwamClient client, Cid object, byte[] expected) throws Exception {
        Path out = work.resolve("meanwhile.bin");
        try {
            client.recover(object, out);
        } catch (KwamClientException loud) {
            assertFalse(Files.exists(out), "a failed read leaves no output");
            return;
        }
        assertEquals(-1L, Files.mismatch(out, writeTemp(expected)), "a read during the scrub repairs returned wrong bytes");
        Files.delete(out);
    }

    private Path writeTemp(byte[] bytes) throws IOException {
        return Files.write(work.resolve("expected.bin"), bytes);
    }

    private long quarantinedOnLiveNodes() throws IOException {
        long n = 0;
        for (NodeProcess node : nodes.values()) {
            if (dead.contains(node.name)) {
                continue;
            }
            Path q = work.resolve("data-" + node.name).resolve("store/quarantine");
            if (Files.isDirectory(q)) {
                try (Stream<Path> files = Files.list(q)) {
                    n += files.filter(f -> !f.getFileName().toString().endsWith(".why")).count();
                }
            }
        }
        return n;
    }

    private Set<String> storedHex(String node) throws IOException {
        Path root = work.resolve("data-" + node).resolve("store/fragments");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private Path fragmentFile(String node, Cid cid) {
        String hex = cid.hex();
        return work.resolve("data-" + node).resolve("store/fragments").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4))
                .resolve(hex);
    }

    private void kill(NodeProcess node) throws InterruptedException {
        node.process.destroyForcibly(); // SIGKILL: no leave, no flush
        assertTrue(node.process.waitFor(30, TimeUnit.SECONDS), node.name + " survived SIGKILL");
        dead.add(node.name);
    }

    private void issue(String name, String out) throws IOException, InterruptedException {
        NodeProcess.run(work, List.of("pki", "issue", "--ca", "ca", "--spiffe-id",
                "spiffe://" + TRUST_DOMAIN + "/acme/cl-1/az1/pod-1/" + name + "/kwamd", "--out", out));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
