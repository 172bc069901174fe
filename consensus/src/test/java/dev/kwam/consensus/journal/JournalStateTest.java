package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.journal.JournalReply.Events;
import dev.kwam.consensus.journal.JournalReply.Highest;
import dev.kwam.consensus.journal.JournalRequest.Append;
import dev.kwam.consensus.journal.JournalRequest.DeleteEventsTo;
import dev.kwam.consensus.journal.JournalRequest.ReadHighest;
import dev.kwam.consensus.journal.JournalRequest.Replay;
import dev.kwam.consensus.journal.JournalRequest.SaveSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal state alone: equal histories give equal snapshot bytes, and the snapshot file round-trips. */
class JournalStateTest {
    @TempDir
    Path dir;

    private static StoredEvent event(long seq) {
        return new StoredEvent(seq, 20, "", "", "w", seq, new byte[] {(byte) seq});
    }

    private static JournalState history(List<String> pidOrder) throws MalformedJournalBytes {
        JournalState state = new JournalState();
        for (String pid : pidOrder) {
            state.apply(new Append(pid, 1, 3, List.of(event(1), event(2), event(3))));
            state.apply(new DeleteEventsTo(pid, 1));
            state.apply(new SaveSnapshot(pid, new StoredSnapshot(2, 7, 20, "", new byte[] {9})));
        }
        return state;
    }

    private static byte[] bytes(JournalState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            state.writeTo(data);
        }
        return out.toByteArray();
    }

    @Test
    void aBatchFencesEachAppendOnItsOwnInOrder() throws Exception {
        JournalState state = new JournalState();
        state.apply(new Append("b", 1, 1, List.of(event(1))));
        JournalReply reply = state.apply(new JournalRequest.AppendBatch(List.of(new Append("a", 1, 1, List.of(event(1))),
                new Append("b", 1, 1, List.of(event(1))), new Append("a", 2, 2, List.of(event(2))),
                new Append("a", 2, 2, List.of(event(2))))));
        assertEquals(new JournalReply.Batch(List.of(new JournalReply.Appended("a", 1), new JournalReply.Fenced("b", 2, 1),
                new JournalReply.Appended("a", 2), new JournalReply.Fenced("a", 3, 2))), reply);
    }

    @Test
    void theSameEntitiesWrittenInAnyOrderGiveTheSameSnapshotBytes() throws Exception {
        assertArrayEquals(bytes(history(List.of("a", "b", "c"))), bytes(history(List.of("c", "a", "b"))));
    }

    @Test
    void aSnapshotFileRestoresTheStateAndACorruptOneIsRefused() throws Exception {
        JournalState state = history(List.of("a", "b"));
        Path file = dir.resolve("snapshot.1_10");
        JournalSnapshotFile.write(file, bytes(state));
        JournalState back = JournalSnapshotFile.read(file);
        assertArrayEquals(bytes(state), bytes(back));
        assertEquals(new Highest(3), back.query(new ReadHighest("a")));
        assertEquals(List.of(2L, 3L), ((Events) back.query(new Replay("a", 1, Long.MAX_VALUE, Long.MAX_VALUE)))
                .events().stream().map(StoredEvent::sequenceNr).toList(), "the deleted-to mark survives");

        byte[] good = Files.readAllBytes(file);
        byte[] otherFormat = good.clone();
        otherFormat[0] = 7;
        Files.write(file, otherFormat);
        IOException refused = assertThrows(IOException.class, () -> JournalSnapshotFile.read(file));
        assertTrue(refused.getMessage().contains("restore this peer's storage"), refused.getMessage());
        Files.write(file, Arrays.copyOf(good, good.length - 3));
        assertThrows(IOException.class, () -> JournalSnapshotFile.read(file));
    }

    @Test
    void aReplayPageStopsAtItsByteBudgetButAlwaysCarriesOneEvent() throws Exception {
        JournalState state = new JournalState();
        byte[] heavy = new byte[JournalState.PAGE_BYTES / 3 + 1];
        List<StoredEvent> events = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) {
            events.add(new StoredEvent(seq, 20, "", "", "w", seq, heavy));
        }
        state.apply(new Append("heavy", 1, 5, events));

        Events first = (Events) state.query(new Replay("heavy", 1, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(2, first.events().size(), "a third of the budget and one byte each: two fit, the third would not");
        assertTrue(first.more());
        Events last = (Events) state.query(new Replay("heavy", 5, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(1, last.events().size());
        assertEquals(false, last.more());
        Events bounded = (Events) state.query(new Replay("heavy", 1, Long.MAX_VALUE, 2));
        assertEquals(false, bounded.more(), "the caller asked for two: nothing more is due");
    }
}
