package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.RaftTestGroup;
import dev.kwam.consensus.journal.JournalReply.Appended;
import dev.kwam.consensus.journal.JournalReply.Fenced;
import dev.kwam.consensus.journal.JournalRequest.Append;
import dev.kwam.consensus.journal.JournalRequest.ReadHighest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine's bytes through a real one-voter group: what it refuses before the log, and fencing. */
class JournalStateMachineTest {
    @TempDir
    Path storage;

    private static StoredEvent event(long seq) {
        return new StoredEvent(seq, 20, "", "", "w", seq, new byte[] {(byte) seq});
    }

    private static JournalReply reply(byte[] bytes) throws MalformedJournalBytes {
        return JournalWire.decodeReply(bytes);
    }

    @Test
    void malformedBytesAreRefusedBeforeTheLogAndChangeNothing() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
             ConsensusClient raw = group.client(Duration.ofSeconds(20))) {
            byte[] good = JournalWire.encode(new Append("p", 1, 1, List.of(event(1))));
            byte[] unknownFormat = good.clone();
            unknownFormat[0] = 9;
            byte[] trailing = Arrays.copyOf(good, good.length + 1);
            byte[] backwards = JournalWire.encode(new Append("p", 3, 2, List.of()));
            byte[] outside = JournalWire.encode(new Append("p", 1, 1, List.of(event(2))));
            byte[] queryAsWrite = JournalWire.encode(new ReadHighest("p"));

            for (byte[] bad : List.of(unknownFormat, trailing, backwards, outside, queryAsWrite)) {
                ConsensusException refused = assertThrows(ConsensusException.class, () -> ConsensusClient.await(raw.write(bad)));
                assertEquals("consensus.refused", refused.error().code());
            }
            ConsensusException read = assertThrows(ConsensusException.class, () -> ConsensusClient.await(raw.read(good)));
            assertTrue(read.why().contains("send it through the log"), read.why());
            assertEquals(0, JournalReader.highest(raw, "p"), "nothing was stored");
            assertEquals(new Appended("p", 1), reply(ConsensusClient.await(raw.write(good))));
        }
    }

    @Test
    void anAppendMustStartOnePastTheHighestAndAFencedOneStoresNothing() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
             ConsensusClient raw = group.client(Duration.ofSeconds(20))) {
            assertEquals(new Fenced("p", 1, 2), reply(ConsensusClient.await(raw.write(JournalWire.encode(new Append("p", 2, 2, List.of(event(2))))))));
            assertEquals(0, JournalReader.highest(raw, "p"));
            assertEquals(new Appended("p", 3), reply(ConsensusClient.await(raw.write(
                    JournalWire.encode(new Append("p", 1, 3, List.of(event(1), event(3))))))), "seq 2 rejected at the plugin, used up");
            assertEquals(new Fenced("p", 4, 3), reply(ConsensusClient.await(raw.write(JournalWire.encode(new Append("p", 3, 4, List.of(event(3), event(4))))))),
                    "all or nothing: no part of an overlapping batch is stored");
            assertEquals(3, JournalReader.highest(raw, "p"));
        }
    }
}
