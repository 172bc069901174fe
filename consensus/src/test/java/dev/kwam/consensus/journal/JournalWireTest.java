package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kwam.consensus.journal.JournalReply.Appended;
import dev.kwam.consensus.journal.JournalReply.Applied;
import dev.kwam.consensus.journal.JournalReply.Events;
import dev.kwam.consensus.journal.JournalReply.Fenced;
import dev.kwam.consensus.journal.JournalReply.Highest;
import dev.kwam.consensus.journal.JournalReply.SnapshotFound;
import dev.kwam.consensus.journal.JournalRequest.Append;
import dev.kwam.consensus.journal.JournalRequest.DeleteEventsTo;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshot;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshots;
import dev.kwam.consensus.journal.JournalRequest.LoadSnapshot;
import dev.kwam.consensus.journal.JournalRequest.ReadHighest;
import dev.kwam.consensus.journal.JournalRequest.Replay;
import dev.kwam.consensus.journal.JournalRequest.SaveSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JournalWireTest {
    private static final StoredEvent EVENT = new StoredEvent(7, 4_115_271, "m", "adapter", "writer-uuid", 1_700_000_000_000L, new byte[] {1, 2, 3});
    private static final StoredSnapshot SNAPSHOT = new StoredSnapshot(9, 1_700_000_000_001L, 20, "", new byte[] {4, 5});
    private static final SnapshotCriteria CRITERIA = new SnapshotCriteria(Long.MAX_VALUE, 5, 0, 0);

    private static final List<JournalRequest> REQUESTS = List.of(new Append("p|ü", 7, 8, List.of(EVENT)), new Append("p", 1, 1, List.of()),
            new DeleteEventsTo("p", Long.MAX_VALUE), new SaveSnapshot("p", SNAPSHOT), new DeleteSnapshot("p", 9, 0),
            new DeleteSnapshots("p", CRITERIA), new Replay("p", 1, Long.MAX_VALUE, Long.MAX_VALUE), new ReadHighest("p"),
            new LoadSnapshot("p", CRITERIA),
            new JournalRequest.AppendBatch(List.of(new Append("a", 7, 8, List.of(EVENT)), new Append("b", 1, 1, List.of()))));
    private static final List<JournalReply> REPLIES = List.of(new Appended("p", 8), new Fenced("p", 6, 3), Applied.INSTANCE,
            new Events(List.of(EVENT, EVENT), true), new Events(List.of(), false), new Highest(42),
            new SnapshotFound(Optional.of(SNAPSHOT)), new SnapshotFound(Optional.empty()),
            new JournalReply.Batch(List.of(new Appended("a", 8), new Fenced("b", 2, 1))));

    @Test
    void everyRequestAndReplyKindDecodesToWhatWasEncoded() throws Exception {
        for (JournalRequest r : REQUESTS) {
            byte[] bytes = JournalWire.encode(r);
            assertArrayEquals(bytes, JournalWire.encode(JournalWire.decodeRequest(bytes)), r.toString());
        }
        for (JournalReply r : REPLIES) {
            byte[] bytes = JournalWire.encode(r);
            assertArrayEquals(bytes, JournalWire.encode(JournalWire.decodeReply(bytes)), r.toString());
        }
    }

    @Test
    void everyCutShortOrExtendedRecordIsRefused() {
        for (JournalRequest r : REQUESTS) {
            byte[] bytes = JournalWire.encode(r);
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] shorter = Arrays.copyOf(bytes, cut);
                assertThrows(MalformedJournalBytes.class, () -> JournalWire.decodeRequest(shorter), r + " cut at " + cut);
            }
            assertThrows(MalformedJournalBytes.class, () -> JournalWire.decodeRequest(Arrays.copyOf(bytes, bytes.length + 1)));
        }
        for (JournalReply r : REPLIES) {
            byte[] bytes = JournalWire.encode(r);
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] shorter = Arrays.copyOf(bytes, cut);
                assertThrows(MalformedJournalBytes.class, () -> JournalWire.decodeReply(shorter), r + " cut at " + cut);
            }
        }
    }
}
