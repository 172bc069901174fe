package dev.kwam.consensus.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.ConsensusExtension;
import dev.kwam.consensus.RaftTestGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.OptionConverters;

/**
 * Talks to the two plugins the way a persistent actor does, through Pekko's journal and snapshot protocols
 * (as Pekko's own JournalSpec and SnapshotStoreSpec do), so the checks exercise the plugins inside Pekko's
 * machinery rather than their methods alone.
 */
final class PluginProbe implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String JOURNAL = "kwam.consensus.journal";
    static final String SNAPSHOTS = "kwam.consensus.snapshot-store";

    final ActorTestKit kit;
    /** What {@link #onOneVoterGroup} started for this probe alone, closed with it. */
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final ActorRef journal;
    private final ActorRef snapshots;
    private int instance;

    PluginProbe(String name, ConsensusClient client) {
        Config config = ConfigFactory.parseString("pekko.loglevel = WARNING\n"
                + "pekko.persistence.journal.plugin = \"" + JOURNAL + "\"\n"
                + "pekko.persistence.snapshot-store.plugin = \"" + SNAPSHOTS + "\"\n").withFallback(ConfigFactory.load());
        kit = ActorTestKit.create(name, config);
        if (client != null) {
            ConsensusExtension.get(kit.system()).attach(client);
        }
        journal = Persistence.get(Adapter.toClassic(kit.system())).journalFor(JOURNAL, ConfigFactory.empty());
        snapshots = Persistence.get(Adapter.toClassic(kit.system())).snapshotStoreFor(SNAPSHOTS, ConfigFactory.empty());
    }

    /** A probe on a one-voter group of its own under {@code storage}; closing the probe stops the group. */
    static PluginProbe onOneVoterGroup(Path storage, String name) throws ConsensusException {
        RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
        ConsensusClient client = group.client(Duration.ofSeconds(20));
        PluginProbe probe = new PluginProbe(name, client);
        probe.owned.add(client);
        probe.owned.add(group);
        return probe;
    }

    /** One WriteMessages of the given atomic writes (each a list of payloads) from {@code firstSeq} on. */
    List<Object> write(String pid, String writer, long firstSeq, List<List<Object>> atomicWrites) {
        TestProbe<Object> probe = kit.createTestProbe();
        List<PersistentEnvelope> envelopes = new ArrayList<>();
        long seq = firstSeq;
        int events = 0;
        for (List<Object> payloads : atomicWrites) {
            List<PersistentRepr> reprs = new ArrayList<>();
            for (Object payload : payloads) {
                reprs.add(PersistentRepr.apply(payload, seq++, pid, "", false, ActorRef.noSender(), writer).withTimestamp(seq * 1000));
                events++;
            }
            envelopes.add(AtomicWrite.apply(CollectionConverters.asScala(reprs).toList()));
        }
        journal.tell(new JournalProtocol.WriteMessages(CollectionConverters.asScala(envelopes).toList(),
                Adapter.toClassic(probe.ref()), ++instance), ActorRef.noSender());
        List<Object> replies = new ArrayList<>();
        Object first = probe.receiveMessage(WAIT);
        replies.add(first);
        if (first instanceof JournalProtocol.WriteMessagesSuccessful$ || first instanceof JournalProtocol.WriteMessagesFailed) {
            for (int i = 0; i < events; i++) {
                replies.add(probe.receiveMessage(WAIT));
            }
        }
        return replies;
    }

    void writeAll(String pid, long firstSeq, long lastSeq) {
        List<List<Object>> writes = new ArrayList<>();
        for (long s = firstSeq; s <= lastSeq; s++) {
            writes.add(List.of("a-" + s));
        }
        Object outcome = write(pid, "writer-1", firstSeq, writes).get(0);
        if (!(outcome instanceof JournalProtocol.WriteMessagesSuccessful$)) {
            throw new AssertionError("writing " + pid + " " + firstSeq + ".." + lastSeq + " failed: " + outcome);
        }
    }

    record Replayed(List<PersistentRepr> events, Object end) {
        List<Object> payloads() {
            return events.stream().map(PersistentRepr::payload).toList();
        }

        long highest() {
            return ((JournalProtocol.RecoverySuccess) end).highestSequenceNr();
        }
    }

    Replayed replay(String pid, long from, long to, long max) {
        TestProbe<Object> probe = kit.createTestProbe();
        journal.tell(new JournalProtocol.ReplayMessages(from, to, max, pid, Adapter.toClassic(probe.ref())), ActorRef.noSender());
        List<PersistentRepr> events = new ArrayList<>();
        while (true) {
            Object m = probe.receiveMessage(WAIT);
            if (m instanceof JournalProtocol.ReplayedMessage r) {
                events.add(r.persistent());
            } else {
                return new Replayed(events, m);
            }
        }
    }

    Object deleteTo(String pid, long to) {
        TestProbe<Object> probe = kit.createTestProbe();
        journal.tell(new JournalProtocol.DeleteMessagesTo(pid, to, Adapter.toClassic(probe.ref())), ActorRef.noSender());
        return probe.receiveMessage(WAIT);
    }

    Object saveSnapshot(String pid, long seq, long timestamp, Object snapshot) {
        TestProbe<Object> probe = kit.createTestProbe();
        snapshots.tell(new SnapshotProtocol.SaveSnapshot(new SnapshotMetadata(pid, seq, timestamp), snapshot), Adapter.toClassic(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    Optional<SelectedSnapshot> loadSnapshot(String pid, SnapshotSelectionCriteria criteria) {
        TestProbe<Object> probe = kit.createTestProbe();
        snapshots.tell(new SnapshotProtocol.LoadSnapshot(pid, criteria, Long.MAX_VALUE), Adapter.toClassic(probe.ref()));
        Object m = probe.receiveMessage(WAIT);
        if (m instanceof SnapshotProtocol.LoadSnapshotResult r) {
            return OptionConverters.toJava(r.snapshot());
        }
        throw new AssertionError("loading a snapshot of " + pid + " failed: " + m);
    }

    Object deleteSnapshot(String pid, long seq, long timestamp) {
        TestProbe<Object> probe = kit.createTestProbe();
        snapshots.tell(new SnapshotProtocol.DeleteSnapshot(new SnapshotMetadata(pid, seq, timestamp)), Adapter.toClassic(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    Object deleteSnapshots(String pid, SnapshotSelectionCriteria criteria) {
        TestProbe<Object> probe = kit.createTestProbe();
        snapshots.tell(new SnapshotProtocol.DeleteSnapshots(pid, criteria), Adapter.toClassic(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    @Override
    public void close() throws Exception {
        kit.shutdownTestKit();
        for (AutoCloseable c : owned) {
            c.close();
        }
    }
}
