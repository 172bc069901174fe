package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.PersistentRepr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of Pekko's JournalSpec, restated for JUnit against a one-voter group: each test has its own
 * persistence id holding events a-1..a-5 (seq 1..5) before it starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaftJournalComplianceTest {
    private static final AtomicInteger PIDS = new AtomicInteger();

    @TempDir
    static Path storage;
    private PluginProbe plugins;
    private String pid;

    @BeforeAll
    void startGroup() throws Exception {
        plugins = PluginProbe.onOneVoterGroup(storage, "journal-compliance");
    }

    @AfterAll
    void stopGroup() throws Exception {
        plugins.close();
    }

    @BeforeEach
    void fiveEvents() {
        pid = "p-" + PIDS.incrementAndGet();
        plugins.writeAll(pid, 1, 5);
    }

    private List<Object> events(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).mapToObj(s -> (Object) ("a-" + s)).toList();
    }

    @Test
    void replaysAllEventsInOrder() {
        PluginProbe.Replayed r = plugins.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(events(1, 5), r.payloads());
        assertEquals(5, r.highest());
        PersistentRepr third = r.events().get(2);
        assertEquals(3, third.sequenceNr());
        assertEquals(pid, third.persistenceId());
        assertEquals("writer-1", third.writerUuid());
        assertEquals(4_000, third.timestamp(), "the writer's timestamp comes back as written");
    }

    @Test
    void replaysFromALowerBound() {
        assertEquals(events(3, 5), plugins.replay(pid, 3, Long.MAX_VALUE, Long.MAX_VALUE).payloads());
    }

    @Test
    void replaysUpToAnUpperBound() {
        assertEquals(events(1, 3), plugins.replay(pid, 1, 3, Long.MAX_VALUE).payloads());
    }

    @Test
    void replaysAtMostTheCountLimit() {
        assertEquals(events(1, 3), plugins.replay(pid, 1, Long.MAX_VALUE, 3).payloads());
    }

    @Test
    void replaysBetweenBoundsAndWithinALimit() {
        assertEquals(events(2, 3), plugins.replay(pid, 2, 3, Long.MAX_VALUE).payloads());
        assertEquals(events(2, 3), plugins.replay(pid, 2, 5, 2).payloads());
        assertEquals(events(2, 2), plugins.replay(pid, 2, 2, Long.MAX_VALUE).payloads());
    }

    @Test
    void replaysNothingForAnEmptyRangeAZeroLimitOrPastTheEnd() {
        assertEquals(List.of(), plugins.replay(pid, 3, 2, Long.MAX_VALUE).payloads());
        assertEquals(List.of(), plugins.replay(pid, 1, Long.MAX_VALUE, 0).payloads());
        PluginProbe.Replayed past = plugins.replay(pid, 6, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(List.of(), past.payloads());
        assertEquals(5, past.highest());
    }

    @Test
    void anUnknownPersistenceIdHasHighestZeroAndNoEvents() {
        PluginProbe.Replayed r = plugins.replay("never-written", 1, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(List.of(), r.payloads());
        assertEquals(0, r.highest());
    }

    @Test
    void deletedEventsAreNotReplayedAndTheHighestSequenceNumberIsKept() {
        assertInstanceOf(org.apache.pekko.persistence.DeleteMessagesSuccess.class, plugins.deleteTo(pid, 3));
        PluginProbe.Replayed r = plugins.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(events(4, 5), r.payloads());
        assertEquals(5, r.highest());
    }

    @Test
    void deletingEverythingKeepsTheHighestSequenceNumberAndTheNextWriteFollowsIt() {
        assertInstanceOf(org.apache.pekko.persistence.DeleteMessagesSuccess.class, plugins.deleteTo(pid, Long.MAX_VALUE));
        PluginProbe.Replayed r = plugins.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(List.of(), r.payloads());
        assertEquals(5, r.highest());
        plugins.writeAll(pid, 6, 6);
        assertEquals(events(6, 6), plugins.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE).payloads());
    }

    @Test
    void anAtomicWriteOfSeveralEventsIsStoredWholeAndEachIsAcknowledged() {
        List<Object> replies = plugins.write(pid, "writer-1", 6, List.of(List.of("b-6", "b-7", "b-8"), List.of("b-9")));
        assertInstanceOf(JournalProtocol.WriteMessagesSuccessful$.class, replies.get(0));
        assertEquals(5, replies.size(), "one WriteMessageSuccess per event: " + replies);
        replies.subList(1, 5).forEach(r -> assertInstanceOf(JournalProtocol.WriteMessageSuccess.class, r));
        assertEquals(List.of("b-6", "b-7", "b-8", "b-9"), plugins.replay(pid, 6, Long.MAX_VALUE, Long.MAX_VALUE).payloads());
    }

    @Test
    void aNonSerializableEventIsRejectedAloneAndLaterEventsFollowIt() {
        Object notSerializable = new Object() {
            @Override
            public String toString() {
                return "not serializable";
            }
        };
        List<Object> replies = plugins.write(pid, "writer-1", 6, List.of(List.of("b-6"), List.of(notSerializable), List.of("b-8")));
        assertInstanceOf(JournalProtocol.WriteMessagesSuccessful$.class, replies.get(0));
        assertInstanceOf(JournalProtocol.WriteMessageSuccess.class, replies.get(1));
        assertInstanceOf(JournalProtocol.WriteMessageRejected.class, replies.get(2));
        assertEquals(7, ((JournalProtocol.WriteMessageRejected) replies.get(2)).message().sequenceNr());
        assertInstanceOf(JournalProtocol.WriteMessageSuccess.class, replies.get(3));
        PluginProbe.Replayed r = plugins.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(List.of("a-1", "a-2", "a-3", "a-4", "a-5", "b-6", "b-8"), r.payloads());
        assertEquals(8, r.highest(), "the rejected event's sequence number is used up");
    }

    @Test
    void aWriteThatDoesNotFollowTheHighestSequenceNumberFailsNamingExpectedAndOffered() {
        List<Object> replies = plugins.write(pid, "stale", 3, List.of(List.of("x-3")));
        JournalProtocol.WriteMessagesFailed failed = assertInstanceOf(JournalProtocol.WriteMessagesFailed.class, replies.get(0));
        ConsensusException fenced = assertInstanceOf(ConsensusException.class, failed.cause());
        assertEquals("consensus.fenced", fenced.error().code());
        assertTrue(fenced.why().contains("offered sequence number 3 where 6 was due"), fenced.why());
        assertEquals(pid, fenced.where().orElseThrow());
        assertInstanceOf(JournalProtocol.WriteMessageFailure.class, replies.get(1));
        List<Object> gap = plugins.write(pid, "ahead", 7, List.of(List.of("x-7")));
        assertInstanceOf(JournalProtocol.WriteMessagesFailed.class, gap.get(0), "a gap is refused too");
        assertEquals(events(1, 5), plugins.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE).payloads());
    }

    @Test
    void aReplayLongerThanOnePageComesBackWholeAndInOrder() {
        int n = JournalState.PAGE_EVENTS * 2 + 7;
        plugins.writeAll(pid, 6, 5 + n);
        PluginProbe.Replayed r = plugins.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(events(1, 5 + n), r.payloads());
        assertEquals(events(2, 301), plugins.replay(pid, 2, Long.MAX_VALUE, 300).payloads());
    }

    @Test
    void withNoGroupAttachedWritesAndReplaysFailAsUnavailable() throws Exception {
        try (PluginProbe detached = new PluginProbe("journal-detached", null)) {
            JournalProtocol.WriteMessagesFailed failed = assertInstanceOf(JournalProtocol.WriteMessagesFailed.class,
                    detached.write(pid, "writer-1", 6, List.of(List.of("b-6"))).get(0));
            assertEquals("consensus.unavailable", assertInstanceOf(ConsensusException.class, failed.cause()).error().code());
            JournalProtocol.ReplayMessagesFailure replay = assertInstanceOf(JournalProtocol.ReplayMessagesFailure.class,
                    detached.replay(pid, 1, Long.MAX_VALUE, Long.MAX_VALUE).end());
            assertEquals("consensus.unavailable", assertInstanceOf(ConsensusException.class, replay.cause()).error().code());
        }
    }
}
