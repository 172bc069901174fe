package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.MutualTls;
import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.LoopbackPorts;
import dev.kwam.consensus.PeerSettings;
import dev.kwam.consensus.RaftGroupHost;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import dev.kwam.dsl.identity.SpiffeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group over mutual TLS, as nodes run it: three voters elect and commit with their certificates, a
 * client of the same CA reads and writes, and neither a plain-text client nor one with another CA's
 * certificate gets an answer.
 */
class MutualTlsGroupTest {
    @TempDir
    Path root;

    private static SpiffeId id(String name) {
        return SpiffeId.parse("spiffe://kwam.test/acme/cl-1/az1/pod-1/" + name + "/kwamd");
    }

    @Test
    void onlyCertificatesOfTheFleetsCaReachTheLog() throws Exception {
        CertificateAuthority fleet = CertificateAuthority.create("kwam.test");
        List<Integer> ports = LoopbackPorts.take(3);
        List<Voter> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(new Voter("v" + i, "127.0.0.1", ports.get(i)));
        }
        Voters voters = new Voters(members);
        List<RaftGroupHost> peers = new ArrayList<>();
        try {
            for (Voter v : members) {
                MutualTls tls = MutualTls.of(fleet.issue(id(v.name())));
                peers.add(RaftGroupHost.start(PeerSettings.of(v, voters, root.resolve("raft-" + v.name())).withTls(tls),
                        new JournalStateMachine()));
            }
            MutualTls client = MutualTls.of(fleet.issue(id("ops")));
            try (ConsensusClient trusted = ConsensusClient.connect(voters, Duration.ofSeconds(30), Optional.of(client))) {
                StoredEvent event = new StoredEvent(1, 20, "", "", "w", 1, new byte[] {1});
                assertEquals(new JournalReply.Appended("p", 1), JournalWire.decodeReply(ConsensusClient.await(
                        trusted.write(JournalWire.encode(new JournalRequest.Append("p", 1, 1, List.of(event)))))));
                assertEquals(1, JournalReader.highest(trusted, "p"));
            }
            try (ConsensusClient plain = ConsensusClient.connect(voters, Duration.ofSeconds(6))) {
                assertThrows(ConsensusException.class, () -> JournalReader.highest(plain, "p"), "a plain-text client is not answered");
            }
            MutualTls stranger = MutualTls.of(CertificateAuthority.create("kwam.test").issue(id("ops")));
            try (ConsensusClient other = ConsensusClient.connect(voters, Duration.ofSeconds(6), Optional.of(stranger))) {
                assertThrows(ConsensusException.class, () -> JournalReader.highest(other, "p"), "another CA's certificate is refused");
            }
        } finally {
            for (RaftGroupHost p : peers) {
                p.close();
            }
        }
    }
}
