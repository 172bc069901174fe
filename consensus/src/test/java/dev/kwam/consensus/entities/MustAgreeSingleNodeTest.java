package dev.kwam.consensus.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.MustAgree;
import dev.kwam.consensus.MustAgreeCluster;
import dev.kwam.consensus.RaftTestGroup;
import dev.kwam.consensus.entities.ConsentLedger.AlreadySpent;
import dev.kwam.consensus.entities.ConsentLedger.SpendOutcome;
import dev.kwam.consensus.entities.ConsentLedger.Spent;
import dev.kwam.consensus.entities.ConsentLedger.Unspent;
import dev.kwam.consensus.entities.TrustRoots.ChangeRefused;
import dev.kwam.consensus.entities.TrustRoots.Changed;
import dev.kwam.consensus.entities.TrustRoots.NewSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade on a real one-node Pekko cluster whose entities journal through a real one-voter Raft group. */
class MustAgreeSingleNodeTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path storage;

    static <T> T await(CompletionStage<T> reply) throws ConsensusException {
        return ConsensusClient.await(reply);
    }

    @Test
    void sixteenConcurrentSpendsOfOneTokenLetExactlyOneThroughAndTheOthersNameIt() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
             MustAgreeCluster cluster = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
            MustAgree node = cluster.node(0);
            assertEquals(new Unspent("tok-1"), await(node.isSpent("tok-1")));
            List<CompletableFuture<SpendOutcome>> spends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                spends.add(node.spend("tok-1", "spiffe://kwam/node-" + i, "drain").toCompletableFuture());
            }
            List<SpendOutcome> answers = spends.stream().map(CompletableFuture::join).toList();

            List<SpendOutcome> winners = answers.stream().filter(Spent.class::isInstance).toList();
            assertEquals(1, winners.size(), "exactly one spend takes the token: " + answers);
            AlreadySpent state = assertInstanceOf(AlreadySpent.class, await(node.isSpent("tok-1")));
            assertEquals(((Spent) winners.get(0)).at(), state.at());
            for (SpendOutcome a : answers) {
                if (a instanceof AlreadySpent lost) {
                    assertEquals(state, lost, "every loser is told who won");
                }
            }
        }
    }

    @Test
    void aTokenSpentBeforeAFullRestartIsStillSpentAndPointersAndRosterSurviveIt() throws Exception {
        RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
        try (MustAgreeCluster cluster = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
            MustAgree node = cluster.node(0);
            assertInstanceOf(Spent.class, await(node.spend("tok-r", "alice", "cordon n7")));
            await(node.seedTrust(List.of(signer("k1")), TrustRoots.GENESIS));
            for (int v = 1; v <= 55; v++) { // past the snapshot at 50: recovery goes through the snapshot store
                await(node.setPointer("models/prod", "sha256:" + v, "alice", "tok-p" + v));
            }
        }
        group.stopAll();

        group.startAll();
        try (group; MustAgreeCluster cluster = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
            MustAgree node = cluster.node(0);
            AlreadySpent again = assertInstanceOf(AlreadySpent.class, await(node.spend("tok-r", "mallory", "wipe")));
            assertEquals("alice", again.firstSpender());
            assertEquals("cordon n7", again.firstAction());
            assertEquals(List.of("k1"), await(node.trustRoots()).signers().stream().map(TrustRoots.Signer::keyId).toList());
            ChannelPointers.Current now = await(node.pointer("models/prod"));
            assertEquals("sha256:55", now.pointer().orElseThrow().cid());
            assertEquals(55, now.pointer().get().version());
            assertEquals(ChannelPointers.HISTORY, now.history().size(), "the history is bounded");
            assertEquals("sha256:54", now.history().get(0).cid());
        }
    }

    @Test
    void aBucketRecoveredFromItsSnapshotStillRefusesEveryTokenItSpent() throws Exception {
        // 1,050 tokens of one bucket: its snapshot (every 1,000 events) plus a tail of 50 is what a new incarnation reads.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; tokens.size() < 1050; i++) {
            if (ConsentLedger.bucketOf("snap-" + i).equals("7")) {
                tokens.add("snap-" + i);
            }
        }
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true)) {
            try (MustAgreeCluster cluster = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
                List<CompletableFuture<SpendOutcome>> spends = new ArrayList<>();
                for (String t : tokens) {
                    spends.add(cluster.node(0).spend(t, "writer", "drain").toCompletableFuture());
                }
                spends.forEach(f -> assertInstanceOf(Spent.class, f.join()));
            }
            group.stopAll();
            group.startAll();
            try (MustAgreeCluster again = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
                for (String t : List.of(tokens.get(0), tokens.get(999), tokens.get(1049))) {
                    AlreadySpent kept = assertInstanceOf(AlreadySpent.class, await(again.node(0).spend(t, "replay", "drain")));
                    assertEquals("writer", kept.firstSpender(), t);
                }
                assertInstanceOf(Unspent.class, await(again.node(0).isSpent("snap-never")));
            }
        }
    }

    @Test
    void nodeMarksArePutClearedAndOutliveAFullRestart() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true)) {
            try (MustAgreeCluster cluster = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
                MustAgree node = cluster.node(0);
                assertEquals(Map.of(), await(node.nodeMarks()).byNode());
                await(node.markNode("n2", "cordoned", "spiffe://t/ops", ""));
                NodeMarks.Marks marks = await(node.markNode("n3", "cordoned", "spiffe://t/ops", ""));
                assertEquals(java.util.Set.of("n2", "n3"), marks.byNode().keySet());
                assertEquals(java.util.Set.of("n3"), await(node.clearNode("n2", "spiffe://t/ops")).byNode().keySet());
                assertEquals(java.util.Set.of("n3"), await(node.clearNode("n9", "spiffe://t/ops")).byNode().keySet(),
                        "clearing an unmarked node changes nothing");
            }
            group.stopAll();
            group.startAll();
            try (MustAgreeCluster again = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
                NodeMarks.Mark n3 = await(again.node(0).nodeMarks()).of("n3").orElseThrow();
                assertEquals("cordoned", n3.state());
                assertEquals("spiffe://t/ops", n3.by());
            }
        }
    }

    @Test
    void theRosterIsSeededOnceAndRevocationIsPermanent() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
             MustAgreeCluster cluster = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
            MustAgree node = cluster.node(0);
            assertInstanceOf(ChangeRefused.class, await(node.addSigner(signer("early"), "tok-0")), "nothing before genesis");
            assertEquals(new TrustRoots.Roster(false, List.of(), 0), await(node.trustRoots()));
            assertEquals(2, assertInstanceOf(TrustRoots.Seeded.class, await(node.seedTrust(List.of(signer("k1"), signer("k2")), "genesis"))).signers());
            TrustRoots.AlreadySeeded ignored = assertInstanceOf(TrustRoots.AlreadySeeded.class,
                    await(node.seedTrust(List.of(signer("evil")), "genesis")));
            assertEquals("genesis", ignored.by());

            Changed added = assertInstanceOf(Changed.class, await(node.addSigner(signer("k3"), "tok-add")));
            assertEquals("tok-add", added.entry().addedBy());
            assertTrue(assertInstanceOf(ChangeRefused.class, await(node.revokeSigner("k9", "tok-x"))).reason().contains("no signer"));
            Changed revoked = assertInstanceOf(Changed.class, await(node.revokeSigner("k2", "tok-rev")));
            assertEquals("tok-rev", revoked.entry().revokedBy().orElseThrow());
            assertInstanceOf(ChangeRefused.class, await(node.revokeSigner("k2", "tok-rev2")), "revoked once only");
            assertTrue(assertInstanceOf(ChangeRefused.class, await(node.addSigner(signer("k2"), "tok-back"))).reason().contains("never reused"));

            TrustRoots.Roster roster = await(node.trustRoots());
            assertEquals(List.of("k1", "k2", "k3"), roster.signers().stream().map(TrustRoots.Signer::keyId).toList());
            assertEquals(List.of(false, true, false), roster.signers().stream().map(TrustRoots.Signer::revoked).toList());
            assertEquals(List.of("genesis", "genesis", "tok-add"), roster.signers().stream().map(TrustRoots.Signer::addedBy).toList());
        }
    }

    @Test
    void withNoGroupAttachedEveryCallFailsAsUnavailable() {
        ActorTestKit kit = ActorTestKit.create("kwam", MustAgreeCluster.clusterConfig());
        try {
            MustAgree node = MustAgree.start(kit.system());
            ConsensusException refused = assertThrows(ConsensusException.class, () -> await(node.spend("tok", "alice", "drain")));
            assertEquals("consensus.unavailable", refused.error().code());
            assertTrue(refused.fix().contains("ConsensusExtension"), refused.fix());
        } finally {
            kit.shutdownTestKit();
        }
    }

    static NewSigner signer(String keyId) {
        return new NewSigner(keyId, "acme", "person-" + keyId, "ed25519:" + keyId, List.of("consent.sign", "rollout.approve"));
    }
}
