package dev.kwam.consensus.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.ledger.LedgerReply.AlreadySpent;
import dev.kwam.consensus.ledger.LedgerReply.SpendOutcome;
import dev.kwam.consensus.ledger.LedgerReply.Spent;
import dev.kwam.consensus.ledger.LedgerReply.Unspent;
import dev.kwam.consensus.ledger.LedgerRequest.Spend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real peers in this JVM on loopback, each with its own log and snapshots under a temp directory. */
class ThreeVoterLedgerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ELECTION = Duration.ofSeconds(30);

    @TempDir
    Path storage;

    @Test
    void sixteenConcurrentSpendsOfOneTokenFromSixteenClientsLetExactlyOneThrough() throws Exception {
        int attempts = 16;
        try (LedgerGroup group = LedgerGroup.start(storage, 3, 10_000, true)) {
            group.awaitLeader(ELECTION);
            List<LedgerClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < attempts; i++) {
                    clients.add(group.client(TIMEOUT));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<SpendOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    LedgerClient client = clients.get(i);
                    Spend spend = new Spend("contested", "node-" + i, 1_000 + i);
                    outcomes.add(CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(go);
                        return client.spend(spend).toCompletableFuture().join();
                    }));
                }
                go.countDown();
                List<SpendOutcome> answers = outcomes.stream().map(CompletableFuture::join).toList();

                List<Spent> winners = answers.stream().filter(Spent.class::isInstance).map(Spent.class::cast).toList();
                assertEquals(1, winners.size(), "exactly one spend takes the token: " + answers);
                for (SpendOutcome answer : answers) {
                    if (answer instanceof AlreadySpent lost) {
                        assertEquals(winners.get(0).spender(), lost.firstSpender(), "every loser is told who won");
                    }
                }
                assertEquals(new AlreadySpent("contested", winners.get(0).spender(), winners.get(0).atMillis()),
                        ConsensusClient.await(clients.get(0).isSpent("contested")));
            } finally {
                for (LedgerClient c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void stoppingTheLeaderMidStreamLosesNoAcknowledgedSpendAndAppliesNoneTwice() throws Exception {
        try (LedgerGroup group = LedgerGroup.start(storage, 3, 10_000, true);
             LedgerClient writer = group.client(TIMEOUT)) {
            String leader = group.awaitLeader(ELECTION);
            Map<Integer, SpendOutcome> acknowledged = new ConcurrentHashMap<>();
            List<ConsensusException> unknown = new ArrayList<>();
            AtomicBoolean done = new AtomicBoolean();
            Thread stream = new Thread(() -> {
                for (int i = 0; !done.get(); i++) {
                    try {
                        acknowledged.put(i, ConsensusClient.await(writer.spend(new Spend("stream-" + i, "writer", i))));
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
            stream.join(TIMEOUT.toMillis() * 2);

            assertNotEquals(leader, group.awaitLeader(ELECTION), "a new leader took over");
            try (LedgerClient auditor = group.client(TIMEOUT)) {
                for (Map.Entry<Integer, SpendOutcome> ack : acknowledged.entrySet()) {
                    int i = ack.getKey();
                    AlreadySpent firstOnly = new AlreadySpent("stream-" + i, "writer", i);
                    // Spent, or (a retry that reached the new leader after the old one logged it) AlreadySpent
                    // naming this very spend: either way the first application is the only one that counted.
                    assertTrue(ack.getValue().equals(new Spent("stream-" + i, "writer", i)) || ack.getValue().equals(firstOnly),
                            "acknowledged " + ack.getValue());
                    assertEquals(firstOnly, ConsensusClient.await(auditor.spend(new Spend("stream-" + i, "retry", 10_000 + i))));
                }
            }
            assertTrue(acknowledged.size() >= atStop + 10, "spends went on after the leader stopped; unknown: " + unknown);
        }
    }

    @Test
    void aFullRestartOfAllPeersStillRefusesTokensSpentBeforeAndAfterASnapshot() throws Exception {
        // No snapshot at stop: the late spends must come back from the log, the early ones from the snapshot.
        LedgerGroup group = LedgerGroup.start(storage, 3, 10_000, false);
        try (LedgerClient ledger = group.client(TIMEOUT)) {
            group.awaitLeader(ELECTION);
            for (int i = 0; i < 20; i++) {
                ConsensusClient.await(ledger.spend(new Spend("early-" + i, "alice", i)));
            }
            for (String peer : List.of("n1", "n2", "n3")) {
                assertTrue(group.host(peer).takeSnapshot(TIMEOUT) >= 20, "snapshot on " + peer + " covers the 20 spends");
            }
            for (int i = 0; i < 10; i++) {
                ConsensusClient.await(ledger.spend(new Spend("late-" + i, "bob", 100 + i)));
            }
        }
        group.stopAll();
        for (String peer : List.of("n1", "n2", "n3")) {
            assertEquals(1, snapshotFiles(storage.resolve(peer)), "the one snapshot taken, none at stop, under " + peer);
        }

        group.startAll();
        try (group; LedgerClient ledger = group.client(TIMEOUT)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(new AlreadySpent("early-" + i, "alice", i),
                        ConsensusClient.await(ledger.spend(new Spend("early-" + i, "mallory", 999))));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(new AlreadySpent("late-" + i, "bob", 100 + i),
                        ConsensusClient.await(ledger.spend(new Spend("late-" + i, "mallory", 999))));
            }
            assertEquals(new Unspent("never"), ConsensusClient.await(ledger.isSpent("never")));
        }
    }

    private static long snapshotFiles(Path peer) throws IOException {
        try (Stream<Path> files = Files.walk(peer)) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
        }
    }

    private static void awaitCount(Map<?, ?> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " of " + count + " spends acknowledged within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
