package dev.kwam.consensus.journal;

import dev.kwam.actors.error.KwamError;
import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.ConsensusExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The group as both plugins call it: commands through the log, queries as linearizable reads, through the
 * client attached to {@link ConsensusExtension} at the moment of the call (so a node may attach it after the
 * plugins started). Replies of an unexpected kind fail the call rather than being guessed at.
 */
final class JournalGroup {
    private final ConsensusExtension extension;

    JournalGroup(ConsensusExtension extension) {
        this.extension = extension;
    }

    <T extends JournalReply> CompletionStage<T> write(JournalRequest.Command command, Class<T> expected) {
        return call(command, expected, true);
    }

    <T extends JournalReply> CompletionStage<T> read(JournalRequest.Query query, Class<T> expected) {
        return call(query, expected, false);
    }

    private <T extends JournalReply> CompletionStage<T> call(JournalRequest request, Class<T> expected, boolean write) {
        ConsensusClient client;
        try {
            client = extension.require();
        } catch (ConsensusException e) {
            return CompletableFuture.failedFuture(e);
        }
        byte[] bytes = JournalWire.encode(request);
        return (write ? client.write(bytes) : client.read(bytes)).thenApply(reply -> expect(request, reply, expected));
    }

    private static <T extends JournalReply> T expect(JournalRequest request, byte[] bytes, Class<T> expected) {
        try {
            JournalReply reply = JournalWire.decodeReply(bytes);
            if (expected.isInstance(reply)) {
                return expected.cast(reply);
            }
            throw new MalformedJournalBytes("a " + reply + " where a " + expected.getSimpleName() + " was due");
        } catch (MalformedJournalBytes e) {
            throw new CompletionException(new ConsensusException(KwamError.of("consensus.bad-reply",
                    "the journal answered with bytes this node cannot read", request.persistenceId(), e.getMessage(),
                    "run the same KWAM version on the voters and this node"), e));
        }
    }
}
