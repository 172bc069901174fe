package dev.kwam.consensus.journal;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;

/** Reads the group's journal directly, for tests that check what the entities stored. */
public final class JournalReader {
    private JournalReader() {
    }

    /** The highest sequence number stored for {@code persistenceId} (0 if none), as a linearizable read. */
    public static long highest(ConsensusClient client, String persistenceId) throws ConsensusException, MalformedJournalBytes {
        byte[] reply = ConsensusClient.await(client.read(JournalWire.encode(new JournalRequest.ReadHighest(persistenceId))));
        return ((JournalReply.Highest) JournalWire.decodeReply(reply)).sequenceNr();
    }
}
