package dev.kwam.consensus.journal;

import dev.kwam.actors.error.KwamError;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.ConsensusExtension;
import dev.kwam.consensus.journal.JournalReply.Events;
import dev.kwam.consensus.journal.JournalReply.Fenced;
import dev.kwam.consensus.journal.JournalReply.Highest;
import dev.kwam.consensus.journal.JournalRequest.Append;
import dev.kwam.consensus.journal.JournalRequest.DeleteEventsTo;
import dev.kwam.consensus.journal.JournalRequest.ReadHighest;
import dev.kwam.consensus.journal.JournalRequest.Replay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Pekko Persistence's journal over the consensus group (plugin id {@code kwam.consensus.journal}): each write
 * is one Raft command, acknowledged once a majority of voters has it on disk, and fenced by sequence number so
 * two incarnations of an entity cannot both write. A fenced write fails the persist (the entity stops) with
 * {@code consensus.fenced}; an event that will not serialize is rejected on its own, its sequence number used up.
 * Tags are dropped: there is no query side.
 */
public final class RaftJournal extends AsyncWriteJournal {
    private final JournalGroup group = new JournalGroup(ConsensusExtension.get(Adapter.toTyped(context().system())));
    private final GroupCommit commits = new GroupCommit(group);
    private final Payloads payloads = new Payloads(SerializationExtension.get(context().system()));

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        // One call carries one persistent actor's writes, all of one persistence id, in sequence order.
        List<Optional<Exception>> outcomes = new ArrayList<>();
        List<StoredEvent> events = new ArrayList<>();
        String pid = null;
        long from = 0;
        long to = 0;
        for (AtomicWrite write : messages) {
            if (pid == null) {
                pid = write.persistenceId();
                from = write.lowestSequenceNr();
            } else if (!pid.equals(write.persistenceId())) {
                return ScalaFutures.of(CompletableFuture.failedFuture(new IllegalArgumentException(
                        "one write call mixes persistence ids " + pid + " and " + write.persistenceId())));
            }
            to = write.highestSequenceNr();
            outcomes.add(stored(write, events));
        }
        if (pid == null) {
            return ScalaFutures.of(CompletableFuture.completedFuture(outcomes));
        }
        Append append = new Append(pid, from, to, events);
        CompletionStage<Iterable<Optional<Exception>>> written = commits.append(append).thenApply(reply -> {
            if (reply instanceof Fenced f) {
                throw new CompletionException(fenced(f));
            }
            return outcomes;
        });
        return ScalaFutures.of(written);
    }

    /** Adds the write's events to {@code events}, or none of them when one will not serialize (a rejection). */
    private Optional<Exception> stored(AtomicWrite write, List<StoredEvent> events) {
        List<StoredEvent> these = new ArrayList<>();
        for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
            Object payload = repr.payload() instanceof Tagged tagged ? tagged.payload() : repr.payload();
            try {
                Payloads.Serialized s = payloads.serialize(payload);
                these.add(new StoredEvent(repr.sequenceNr(), s.serializerId(), s.manifest(), repr.manifest(),
                        repr.writerUuid(), repr.timestamp(), s.bytes()));
            } catch (Exception refused) {
                return Optional.of(refused);
            }
        }
        events.addAll(these);
        return Optional.empty();
    }

    static ConsensusException fenced(Fenced f) {
        return new ConsensusException(KwamError.of("consensus.fenced", "the journal refused a write to " + f.persistenceId(),
                f.persistenceId(), "it offered sequence number " + f.offered() + " where " + f.expected() + " was due: "
                        + "another incarnation of this entity wrote first (a partition or a hand-over race)",
                "nothing to do: this incarnation stops, and the next one replays what the other wrote"));
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return ScalaFutures.of(group.write(new DeleteEventsTo(persistenceId, toSequenceNr), JournalReply.Applied.class)
                .thenApply(applied -> (Void) null));
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
                                              Consumer<PersistentRepr> replayCallback) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        replayPage(persistenceId, fromSequenceNr, toSequenceNr, max, replayCallback, done);
        return ScalaFutures.of(done);
    }

    /** Pages follow one another so no single read carries an entity's whole history. */
    private void replayPage(String pid, long from, long to, long max, Consumer<PersistentRepr> deliver, CompletableFuture<Void> done) {
        group.read(new Replay(pid, from, to, max), Events.class).whenComplete((page, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            try {
                for (StoredEvent e : page.events()) {
                    Object payload = payloads.deserialize(e.serializerId(), e.serializerManifest(), e.payload());
                    deliver.accept(PersistentRepr.apply(payload, e.sequenceNr(), pid, e.eventManifest(), false,
                            ActorRef.noSender(), e.writerUuid()).withTimestamp(e.timestamp()));
                }
            } catch (RuntimeException unreadable) {
                done.completeExceptionally(unreadable);
                return;
            }
            List<StoredEvent> events = page.events();
            if (page.more() && !events.isEmpty()) {
                long last = events.get(events.size() - 1).sequenceNr();
                replayPage(pid, last + 1, to, max - events.size(), deliver, done);
            } else {
                done.complete(null);
            }
        });
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return ScalaFutures.of(group.read(new ReadHighest(persistenceId), Highest.class).thenApply(Highest::sequenceNr));
    }
}
