package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.RaftTestGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.PersistentRepr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two incarnations of one entity (two actor systems, each with its own journal plugin and consensus client,
 * as on both sides of a partition) write sequence numbers 1..n of the same persistence id at once, one event
 * per write as an entity does, each stopping at its first failure as an entity does.
 */
class FencingTest {
    private static final int EVENTS = 40;

    @TempDir
    Path storage;

    record Outcome(String writer, int written, Object failure) {
    }

    @Test
    void ofTwoIncarnationsRacingOnOnePersistenceIdExactlyOneStreamSurvives() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
             ConsensusClient left = group.client(Duration.ofSeconds(20));
             ConsensusClient right = group.client(Duration.ofSeconds(20));
             PluginProbe a = new PluginProbe("incarnation-a", left);
             PluginProbe b = new PluginProbe("incarnation-b", right)) {
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Outcome> fromA = CompletableFuture.supplyAsync(() -> writeUntilRefused(a, "a", go));
            CompletableFuture<Outcome> fromB = CompletableFuture.supplyAsync(() -> writeUntilRefused(b, "b", go));
            go.countDown();
            List<Outcome> outcomes = List.of(fromA.get(), fromB.get());

            List<Outcome> winners = outcomes.stream().filter(o -> o.written() == EVENTS).toList();
            assertEquals(1, winners.size(), "exactly one incarnation writes all its events: " + outcomes);
            Outcome loser = outcomes.stream().filter(o -> o.written() < EVENTS).findFirst().orElseThrow();
            JournalProtocol.WriteMessagesFailed failed = assertInstanceOf(JournalProtocol.WriteMessagesFailed.class, loser.failure());
            ConsensusException fenced = assertInstanceOf(ConsensusException.class, failed.cause());
            assertEquals("consensus.fenced", fenced.error().code());
            assertEquals("contested", fenced.where().orElseThrow());

            String winner = winners.get(0).writer();
            PluginProbe.Replayed replay = b.replay("contested", 1, Long.MAX_VALUE, Long.MAX_VALUE);
            assertEquals(LongStream.rangeClosed(1, EVENTS).mapToObj(s -> (Object) (winner + "-" + s)).toList(), replay.payloads(),
                    "replay shows the winner's events only");
            assertTrue(replay.events().stream().map(PersistentRepr::writerUuid).allMatch(winner::equals));
            assertEquals(EVENTS, replay.highest());
        }
    }

    private static Outcome writeUntilRefused(PluginProbe plugin, String writer, CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int seq = 1; seq <= EVENTS; seq++) {
            Object reply = plugin.write("contested", writer, seq, List.of(List.of(writer + "-" + seq))).get(0);
            if (!(reply instanceof JournalProtocol.WriteMessagesSuccessful$)) {
                return new Outcome(writer, seq - 1, reply);
            }
        }
        return new Outcome(writer, EVENTS, null);
    }
}
