package dev.kwam.consensus.entities;

import static dev.kwam.consensus.entities.MustAgreeSingleNodeTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.MustAgreeCluster;
import dev.kwam.consensus.RaftTestGroup;
import dev.kwam.consensus.entities.ConsentLedger.AlreadySpent;
import dev.kwam.consensus.entities.ConsentLedger.SpendOutcome;
import dev.kwam.consensus.entities.ConsentLedger.Spent;
import dev.kwam.consensus.journal.JournalReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three actor systems in one Pekko cluster over a three-voter Raft group, all in this JVM on loopback. */
class MustAgreeThreeVoterTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ELECTION = Duration.ofSeconds(30);

    @TempDir
    Path storage;

    @Test
    void concurrentSpendsOfOneTokenFromThreeNodesLetExactlyOneThrough() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 3, true)) {
            group.awaitLeader(ELECTION);
            try (MustAgreeCluster cluster = new MustAgreeCluster(3, group.voters(), CLIENT_TIMEOUT)) {
                List<CompletableFuture<SpendOutcome>> spends = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (int n = 0; n < cluster.size(); n++) {
                        spends.add(cluster.node(n).spend("contested", "node-" + n + "/" + round, "quarantine").toCompletableFuture());
                    }
                }
                List<SpendOutcome> answers = spends.stream().map(CompletableFuture::join).toList();
                assertEquals(1, answers.stream().filter(Spent.class::isInstance).count(), "exactly one spend wins: " + answers);
                AlreadySpent state = assertInstanceOf(AlreadySpent.class, await(cluster.node(2).isSpent("contested")));
                answers.stream().filter(AlreadySpent.class::isInstance).forEach(a -> assertEquals(state, a));
            }
        }
    }

    @Test
    void stoppingTheRaftLeaderMidStreamLosesNoAcknowledgedSpendAndAppliesNoneTwice() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 3, true)) {
            String leader = group.awaitLeader(ELECTION);
            try (MustAgreeCluster cluster = new MustAgreeCluster(3, group.voters(), CLIENT_TIMEOUT)) {
                Map<Integer, SpendOutcome> acknowledged = new ConcurrentHashMap<>();
                List<ConsensusException> unknown = new CopyOnWriteArrayList<>();
                AtomicBoolean done = new AtomicBoolean();
                Thread stream = new Thread(() -> {
                    for (int i = 0; !done.get(); i++) {
                        try {
                            acknowledged.put(i, await(cluster.node(i % 3).spend("stream-" + i, "writer", "drain")));
                        } catch (ConsensusException e) {
                            unknown.add(e); // not acknowledged: the spend may or may not have gone through
                        }
                    }
                }, "spend-stream");
                stream.start();

                awaitCount(acknowledged, 10);
                group.stop(leader);
                int atStop = acknowledged.size();
                awaitCount(acknowledged, atStop + 10);
                done.set(true);
                stream.join(Duration.ofSeconds(90).toMillis());

                assertNotEquals(leader, group.awaitLeader(ELECTION), "a new leader took over");
                try (ConsensusClient auditor = group.client(CLIENT_TIMEOUT)) {
                    for (int i : acknowledged.keySet()) {
                        // Spent, or (the entity's retry reached the log twice and recovery answered) AlreadySpent naming
                        // this very spend: either way the stored spend is the writer's.
                        AlreadySpent kept = assertInstanceOf(AlreadySpent.class, await(cluster.node((i + 1) % 3).spend("stream-" + i, "retry", "x")));
                        assertEquals("writer", kept.firstSpender(), "acknowledged spend " + i + " kept");
                    }
                    // Stored once each: every stream spend is one event of its bucket, so the buckets hold no more events
                    // than spends were attempted (acknowledged or unknown), and no fewer than were acknowledged.
                    long stored = 0;
                    for (int b = 0; b < ConsentLedger.BUCKETS; b++) {
                        stored += JournalReader.highest(auditor, "ConsentLedger|" + b);
                    }
                    assertTrue(stored >= acknowledged.size() && stored <= acknowledged.size() + unknown.size(),
                            stored + " events for " + acknowledged.size() + " acknowledged and " + unknown.size() + " unknown spends");
                }
                assertTrue(acknowledged.size() >= atStop + 10, "spends went on after the leader stopped; unknown: " + unknown);
            }
        }
    }

    private static void awaitCount(Map<?, ?> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " of " + count + " spends acknowledged within 90 s");
            }
            Thread.sleep(20);
        }
    }
}
