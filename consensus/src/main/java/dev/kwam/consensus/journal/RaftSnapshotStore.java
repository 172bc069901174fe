package dev.kwam.consensus.journal;

import dev.kwam.consensus.ConsensusExtension;
import dev.kwam.consensus.journal.JournalReply.Applied;
import dev.kwam.consensus.journal.JournalReply.SnapshotFound;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshot;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshots;
import dev.kwam.consensus.journal.JournalRequest.LoadSnapshot;
import dev.kwam.consensus.journal.JournalRequest.SaveSnapshot;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;

/**
 * Pekko Persistence's snapshot store over the consensus group (plugin id {@code kwam.consensus.snapshot-store}):
 * snapshots are commands in the same log as the events, loads are linearizable reads. Snapshot metadata
 * beyond sequence number and timestamp is not kept.
 */
public final class RaftSnapshotStore extends SnapshotStore {
    private final JournalGroup group = new JournalGroup(ConsensusExtension.get(Adapter.toTyped(context().system())));
    private final Payloads payloads = new Payloads(SerializationExtension.get(context().system()));

    @Override
    public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return ScalaFutures.of(group.read(new LoadSnapshot(persistenceId, SnapshotCriteria.of(criteria)), SnapshotFound.class)
                .thenApply(found -> found.snapshot().map(s -> SelectedSnapshot.create(
                        new SnapshotMetadata(persistenceId, s.sequenceNr(), s.timestamp()),
                        payloads.deserialize(s.serializerId(), s.serializerManifest(), s.payload())))));
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        Payloads.Serialized s;
        try {
            s = payloads.serialize(snapshot);
        } catch (Exception refused) {
            return ScalaFutures.of(CompletableFuture.failedFuture(refused));
        }
        StoredSnapshot stored = new StoredSnapshot(metadata.sequenceNr(), metadata.timestamp(), s.serializerId(), s.manifest(), s.bytes());
        return applied(group.write(new SaveSnapshot(metadata.persistenceId(), stored), Applied.class));
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        return applied(group.write(new DeleteSnapshot(metadata.persistenceId(), metadata.sequenceNr(), metadata.timestamp()), Applied.class));
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return applied(group.write(new DeleteSnapshots(persistenceId, SnapshotCriteria.of(criteria)), Applied.class));
    }

    private static Future<Void> applied(CompletionStage<Applied> write) {
        return ScalaFutures.of(write.thenApply(applied -> (Void) null));
    }
}
