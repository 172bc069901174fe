package dev.kwam.multijvm;

import static dev.kwam.multijvm.Probes.await;
import static dev.kwam.multijvm.Probes.body;
import static dev.kwam.multijvm.Probes.freePort;
import static dev.kwam.multijvm.Probes.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import dev.kwam.codec.CodecSpec;
import dev.kwam.node.client.KwamClient;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code kwam up} processes on loopback with certificates from one {@code kwam pki}
 * CA: they form a cluster, survive {@code kill -9} of one (the Split Brain Resolver removes it),
 * and a SIGTERM stops a node cleanly with exit code 0. Meanwhile the HUD is watched in Debian's chromium
 * ({@link HudBrowser}): the page shows three LIVE nodes, a click on one shows it, and after the kill the page shows
 * the node gone and a repair running with an ETA; screenshots go to {@code target/hud-screenshots/}.
 */
class ThreeNodeProcessesIT {
    private static final Duration START = Duration.ofSeconds(120);
    private static final String TRUST_DOMAIN = "kwam.test";

    @TempDir
    Path work;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void threeProcessesFormAClusterSurviveKillMinus9AndStopCleanlyOnSigterm() throws Exception {
        NodeProcess.run(work, List.of("pki", "init", "--trust-domain", TRUST_DOMAIN, "--out", "ca"));
        for (int n = 1; n <= 3; n++) {
            NodeProcess.run(work, List.of("pki", "issue", "--ca", "ca", "--spiffe-id",
                    "spiffe://" + TRUST_DOMAIN + "/acme/cl-1/az1/pod-1/node-" + n + "/kwamd", "--out", "pki-node-" + n));
        }
        NodeProcess.run(work, List.of("pki", "issue", "--ca", "ca", "--spiffe-id",
                "spiffe://" + TRUST_DOMAIN + "/acme/cl-1/az1/pod-1/client-1/kwamd", "--out", "pki-client"));
        // Short stable-after so the resolver acts within the test; no disk reserve on small CI disks. One repair at a
        // time at 256 KiB/s: the heal after the kill lasts long enough for the page to show it running with an ETA.
        Files.writeString(work.resolve("node.conf"), """
                kwam.node.cluster.stable-after = 3s
                kwam.node.store { reserve = 0, reserve-percent = 0 }
                kwam.node.repair { max-concurrent = 1, bandwidth = 256KiB }
                """);

        try (Fleet fleet = new Fleet()) {
            List<NodeProcess> nodes = new ArrayList<>();
            int seedPort = 0;
            for (int n = 1; n <= 3; n++) {
                int control = freePort();
                List<String> extra = new ArrayList<>(List.of("--domain", "rack=r" + n, "--domain", "az=" + (n < 3 ? "a" : "b"),
                        "--config", "node.conf"));
                if (n > 1) {
                    extra.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
                } else {
                    seedPort = control;
                }
                nodes.add(fleet.add(NodeProcess.start(work, "node-" + n, control, freePort(), freePort(), extra)));
            }
            NodeProcess first = nodes.get(0);
            NodeProcess second = nodes.get(1);
            NodeProcess third = nodes.get(2);

            for (NodeProcess node : nodes) {
                await(START, node.name + " /ready 200", fleet, () -> status(node, "/ready") == 200);
            }
            String members = body(first, "/members");
            for (NodeProcess node : nodes) {
                assertTrue(members.contains("127.0.0.1:" + node.controlPort + "\",\"status\":\"Up\""), members + fleet.logs());
            }
            assertTrue(members.contains("\"az\":\"b\",\"rack\":\"r3\""), members);

            // rs(1,1): each stripe on two of the three nodes, so a lost one has a node left to be rebuilt on.
            try (KwamClient client = KwamClient.connect("127.0.0.1", first.dataPort, work.resolve("pki-client"))) {
                SplittableRandom random = new SplittableRandom(3);
                for (int i = 0; i < 12; i++) {
                    byte[] data = new byte[200_000];
                    random.nextBytes(data);
                    client.protect(new java.io.ByteArrayInputStream(data), Optional.of(new CodecSpec.ReedSolomonSpec(1, 1)));
                }
            }
            HudBrowser browser = HudBrowser.open("http://127.0.0.1:" + first.metricsPort + "/", 3);
            browser.expect("live 3");

            third.process.destroyForcibly(); // SIGKILL: no leave, no goodbye
            assertTrue(third.process.waitFor(30, TimeUnit.SECONDS));
            browser.say("killed");
            String repair = browser.expect("repair ");
            System.out.println("ThreeNodeProcessesIT: the HUD showed the repair with ETA " + repair.substring("repair ".length()));
            browser.expect("done");
            browser.close();
            String thirdAddress = "127.0.0.1:" + third.controlPort + "\"";
            await(START, "node-1 and node-2 have removed node-3", fleet,
                    () -> !body(first, "/members").contains(thirdAddress) && !body(second, "/members").contains(thirdAddress));
            assertEquals(200, status(first, "/ready"), fleet.logs());
            assertEquals(200, status(second, "/ready"), fleet.logs());
            assertTrue(Files.readString(first.log).contains("member unreachable: pekko://kwam@127.0.0.1:" + third.controlPort),
                    fleet.logs());

            second.process.destroy(); // SIGTERM
            assertTrue(second.process.waitFor(120, TimeUnit.SECONDS), "node-2 stops after SIGTERM" + fleet.logs());
            assertEquals(0, second.process.exitValue(), "exit code after SIGTERM" + fleet.logs());
            String secondLog = Files.readString(second.log);
            assertTrue(secondLog.contains("fragment store") && secondLog.contains("closed"), secondLog);
            await(START, "node-1 sees node-2 gone", fleet,
                    () -> !body(first, "/members").contains("127.0.0.1:" + second.controlPort + "\""));
            assertEquals(200, status(first, "/ready"), "the last node stays ready" + fleet.logs());
            assertTrue(first.process.isAlive(), "node-1 still runs");

            first.process.destroy();
            assertTrue(first.process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, first.process.exitValue(), fleet.logs());
        }
    }
}
