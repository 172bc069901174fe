package dev.kwam.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.kwam.consensus.Voter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsTest {
    @TempDir
    Path dir;

    @Test
    void noArgumentsMeanASingleLoopbackNodeOnPorts7400To7402WithADevelopmentCa() throws Exception {
        NodeSettings s = NodeSettings.load(ConfigFactory.empty(), Optional.empty());
        assertEquals("kwam-1", s.name());
        assertEquals(Path.of("./kwam-data"), s.data());
        assertEquals(Optional.empty(), s.pki());
        assertEquals(Path.of("./kwam-data/pki"), s.pkiDirectory());
        assertEquals("127.0.0.1", s.host());
        assertEquals("127.0.0.1", s.metricsHost());
        assertEquals(List.of(7400, 7401, 7402), List.of(s.controlPort(), s.dataPort(), s.metricsPort()));
        assertTrue(s.foundsCluster());
        // 10 s keeps a kill -9 to the start of its repair inside the JHMM's 30 s (docs/jhmm.md, "Detection").
        assertEquals(Duration.ofSeconds(10), s.stableAfter());
        assertEquals(Optional.empty(), s.heal().scrubInterval(), "the policy's, else 24 h");
        assertEquals(HealSettings.defaults(), s.heal());
    }

    @Test
    void theScrubIntervalFlagAndTheRepairKeysAreReadAndCheckedAsTheOperatorGivesThem() throws Exception {
        NodeSettings s = NodeSettings.load(ConfigFactory.parseMap(Map.of("kwam.node.scrub-interval", "5s",
                "kwam.node.repair.max-concurrent", 2, "kwam.node.repair.bandwidth", "10MiB")), Optional.empty());
        assertEquals(Optional.of(Duration.ofSeconds(5)), s.heal().scrubInterval());
        assertEquals(2, s.heal().maxConcurrent());
        assertEquals(10L << 20, s.heal().bandwidth());
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeSettings.load(
                ConfigFactory.parseMap(Map.of("kwam.node.scrub-interval", "0s")), Optional.empty()));
        assertTrue(e.why().contains("scrub-interval"), e.why());
        assertThrows(NodeConfigException.class, () -> NodeSettings.load(
                ConfigFactory.parseMap(Map.of("kwam.node.repair.max-concurrent", 0)), Optional.empty()));
    }

    @Test
    void theRepairDelayIsZeroByDefaultAndReadAsTheOperatorGivesIt() throws Exception {
        assertEquals(Duration.ZERO, NodeSettings.load(ConfigFactory.empty(), Optional.empty()).heal().repairDelay(),
                "repair at once: a kill -9 repaired within 30 s");
        assertEquals(Duration.ofMinutes(10), NodeSettings.load(ConfigFactory.parseMap(Map.of("kwam.node.repair.delay", "10m")),
                Optional.empty()).heal().repairDelay());
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeSettings.load(
                ConfigFactory.parseMap(Map.of("kwam.node.repair.delay", "-1s")), Optional.empty()));
        assertTrue(e.why().contains("repair.delay"), e.why());
    }

    @Test
    void flagsOverrideTheConfigFileWhichOverridesDefaults() throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, """
                kwam.node {
                  name = from-file
                  control-port = 8400
                  metrics-port = 8402
                  seeds = ["10.0.0.1:8400"]
                  domains { rack = r9, az = eu-1a }
                  cluster.stable-after = 7s
                }
                """);
        NodeSettings s = NodeSettings.load(ConfigFactory.parseMap(Map.of("kwam.node.control-port", 9400,
                "kwam.node.domains", Map.of("rack", "r1"))), Optional.of(file));
        assertEquals("from-file", s.name());
        assertEquals(9400, s.controlPort());
        assertEquals(7401, s.dataPort());
        assertEquals(8402, s.metricsPort());
        assertEquals(List.of(new SeedAddress("10.0.0.1", 8400)), s.seeds());
        assertEquals(List.of(new DomainLabel("az", "eu-1a"), new DomainLabel("rack", "r1")), s.domains());
        assertEquals(Duration.ofSeconds(7), s.stableAfter());
    }

    @Test
    void clashingPortsAreRefusedWithTheFix() {
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeSettings.load(
                ConfigFactory.parseMap(Map.of("kwam.node.metrics-port", 7400)), Optional.empty()));
        assertTrue(e.why().contains("must differ"), e.why());
        assertTrue(e.fix().contains("--metrics-port"), e.fix());
    }

    @Test
    void withoutVotersAFoundingNodeIsAGroupOfOneAndAJoiningNodeAsksTheCluster() throws Exception {
        NodeSettings founder = NodeSettings.load(ConfigFactory.empty(), Optional.empty());
        assertEquals(7403, founder.consensus().raftPort());
        assertTrue(founder.consensus().votes(founder.name(), founder.host(), founder.foundsCluster()));
        assertEquals(List.of(new Voter("kwam-1", "127.0.0.1", 7403)),
                founder.consensus().knownVoters(founder.name(), founder.host(), true).orElseThrow().members());
        NodeSettings joiner = NodeSettings.load(ConfigFactory.parseMap(Map.of("kwam.node.seeds", List.of("10.0.0.1:7400"))),
                Optional.empty());
        assertFalse(joiner.consensus().votes(joiner.name(), joiner.host(), joiner.foundsCluster()));
        assertTrue(joiner.consensus().knownVoters(joiner.name(), joiner.host(), false).isEmpty());
    }

    @Test
    void listedVotersDecideWhoVotes() throws Exception {
        List<String> voters = List.of("kwam-1=127.0.0.1:7403", "n2=10.0.0.2:7403", "n3=10.0.0.3:7403");
        NodeSettings listed = NodeSettings.load(ConfigFactory.parseMap(Map.of("kwam.node.consensus.voters", voters)), Optional.empty());
        assertTrue(listed.consensus().votes("kwam-1", "127.0.0.1", true));
        NodeSettings other = NodeSettings.load(ConfigFactory.parseMap(Map.of("kwam.node.consensus.voters", voters,
                "kwam.node.name", "n9")), Optional.empty());
        assertFalse(other.consensus().votes("n9", "127.0.0.1", true), "a node not listed is a client even when it founds");
    }

    @Test
    void aVoterListedAtAnotherAddressOrGivenTwiceIsRefused() {
        NodeConfigException moved = assertThrows(NodeConfigException.class, () -> NodeSettings.load(ConfigFactory.parseMap(
                Map.of("kwam.node.consensus.voters", List.of("kwam-1=127.0.0.1:7999"))), Optional.empty()));
        assertTrue(moved.why().contains("--raft-port 7999"), moved.why());
        NodeConfigException twice = assertThrows(NodeConfigException.class, () -> NodeSettings.load(ConfigFactory.parseMap(
                Map.of("kwam.node.consensus.voters", List.of("a=10.0.0.1:7403", "a=10.0.0.2:7403"))), Optional.empty()));
        assertTrue(twice.why().contains("given twice"), twice.why());
        NodeConfigException clash = assertThrows(NodeConfigException.class, () -> NodeSettings.load(
                ConfigFactory.parseMap(Map.of("kwam.node.consensus.raft-port", 7401)), Optional.empty()));
        assertTrue(clash.fix().contains("--raft-port"), clash.fix());
    }

    @Test
    void malformedSeedsAndDomainsAreRefused() {
        assertThrows(NodeConfigException.class, () -> NodeSettings.load(
                ConfigFactory.parseMap(Map.of("kwam.node.seeds", List.of("no-port"))), Optional.empty()));
        assertThrows(NodeConfigException.class, () -> NodeSettings.load(
                ConfigFactory.parseMap(Map.of("kwam.node.domains", Map.of("rack", "r 1"))), Optional.empty()));
        assertThrows(NodeConfigException.class, () -> NodeSettings.load(ConfigFactory.empty(), Optional.of(dir.resolve("missing.conf"))));
    }

    @Test
    void domainLabelsRoundTripThroughMemberRoles() {
        DomainLabel label = DomainLabel.parse("rack=r1");
        assertEquals("domain:rack=r1", label.role());
        assertEquals(Optional.of(label), DomainLabel.fromRole(label.role()));
        assertEquals(Optional.empty(), DomainLabel.fromRole("kwam-node"));
        assertEquals(new SeedAddress("::1", 7400), SeedAddress.parse("[::1]:7400"));
    }
}
