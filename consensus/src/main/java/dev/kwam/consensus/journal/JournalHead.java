package dev.kwam.consensus.journal;

import dev.kwam.consensus.ConsensusExtension;
import dev.kwam.consensus.journal.JournalReply.Highest;
import dev.kwam.consensus.journal.JournalRequest.ReadHighest;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The journal's highest sequence number for one persistence id, read linearizably through the group: what an
 * entity's answer must have caught up with to be current. An entity answers reads from memory, and during a
 * hand-over or a partition a stale incarnation can still answer; its sequence number gives it away.
 */
public final class JournalHead {
    private JournalHead() {
    }

    public static CompletionStage<Long> highest(ActorSystem<?> system, String persistenceId) {
        return new JournalGroup(ConsensusExtension.get(system)).read(new ReadHighest(persistenceId), Highest.class)
                .thenApply(Highest::sequenceNr);
    }
}
