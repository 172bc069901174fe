package dev.kwam.consensus.journal;

import dev.kwam.consensus.journal.JournalReply.Appended;
import dev.kwam.consensus.journal.JournalReply.Batch;
import dev.kwam.consensus.journal.JournalReply.Applied;
import dev.kwam.consensus.journal.JournalReply.Events;
import dev.kwam.consensus.journal.JournalReply.Fenced;
import dev.kwam.consensus.journal.JournalReply.Highest;
import dev.kwam.consensus.journal.JournalReply.SnapshotFound;
import dev.kwam.consensus.journal.JournalRequest.Append;
import dev.kwam.consensus.journal.JournalRequest.AppendBatch;
import dev.kwam.consensus.journal.JournalRequest.Command;
import dev.kwam.consensus.journal.JournalRequest.DeleteEventsTo;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshot;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshots;
import dev.kwam.consensus.journal.JournalRequest.LoadSnapshot;
import dev.kwam.consensus.journal.JournalRequest.Query;
import dev.kwam.consensus.journal.JournalRequest.ReadHighest;
import dev.kwam.consensus.journal.JournalRequest.Replay;
import dev.kwam.consensus.journal.JournalRequest.SaveSnapshot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every persistence id's events, highest sequence number and deleted-to mark, and its snapshots: the whole
 * state the group agrees on, held in memory. Apply is a function of the command alone, and the maps are
 * sorted, so every peer holds the same state and writes the same snapshot bytes. Not thread-safe: the state
 * machine serialises access.
 */
final class JournalState {
    /**
     * A replay answers at most this many events, and stops past this many payload bytes, per read: a reply stays
     * far below gRPC's message limit and Ratis's appender buffer whatever the events weigh.
     */
    static final int PAGE_EVENTS = 256;
    static final int PAGE_BYTES = 4 << 20;

    private static final class EntityLog {
        long highest;
        long deletedTo;
        final TreeMap<Long, StoredEvent> events = new TreeMap<>();
    }

    private final TreeMap<String, EntityLog> logs = new TreeMap<>();
    private final TreeMap<String, TreeMap<Long, StoredSnapshot>> snapshots = new TreeMap<>();

    /** Refuses an append whose shape is wrong in itself, whatever the state (checked before it is logged too). */
    static void check(AppendBatch b) throws MalformedJournalBytes {
        if (b.appends().isEmpty()) {
            throw new MalformedJournalBytes("an append batch with no append");
        }
        for (Append a : b.appends()) {
            check(a);
        }
    }

    static void check(Append a) throws MalformedJournalBytes {
        if (a.persistenceId().isEmpty() || a.from() < 1 || a.to() < a.from()) {
            throw new MalformedJournalBytes("append to '" + a.persistenceId() + "' of sequence numbers " + a.from() + ".."
                    + a.to() + ": needs a persistence id and 1 <= from <= to");
        }
        long previous = a.from() - 1;
        for (StoredEvent e : a.events()) {
            if (e.sequenceNr() <= previous || e.sequenceNr() > a.to()) {
                throw new MalformedJournalBytes("append to '" + a.persistenceId() + "': event " + e.sequenceNr()
                        + " is out of order or outside " + a.from() + ".." + a.to());
            }
            previous = e.sequenceNr();
        }
    }

    JournalReply apply(Command command) throws MalformedJournalBytes {
        if (command instanceof Append a) {
            return append(a);
        }
        if (command instanceof AppendBatch b) {
            List<JournalReply> replies = new ArrayList<>(b.appends().size());
            for (Append a : b.appends()) {
                replies.add(append(a));
            }
            return new Batch(replies);
        }
        if (command instanceof DeleteEventsTo d) {
            EntityLog log = logs.get(d.persistenceId());
            if (log != null) {
                log.deletedTo = Math.max(log.deletedTo, Math.min(d.toSequenceNr(), log.highest));
                log.events.headMap(log.deletedTo, true).clear();
            }
            return Applied.INSTANCE;
        }
        if (command instanceof SaveSnapshot s) {
            snapshots.computeIfAbsent(s.persistenceId(), pid -> new TreeMap<>()).put(s.snapshot().sequenceNr(), s.snapshot());
            return Applied.INSTANCE;
        }
        if (command instanceof DeleteSnapshot d) {
            TreeMap<Long, StoredSnapshot> kept = snapshots.get(d.persistenceId());
            StoredSnapshot s = kept == null ? null : kept.get(d.sequenceNr());
            if (s != null && (d.timestamp() == 0 || d.timestamp() == s.timestamp())) {
                kept.remove(d.sequenceNr());
            }
            dropIfEmpty(d.persistenceId());
            return Applied.INSTANCE;
        }
        DeleteSnapshots d = (DeleteSnapshots) command;
        TreeMap<Long, StoredSnapshot> kept = snapshots.get(d.persistenceId());
        if (kept != null) {
            kept.values().removeIf(d.criteria()::matches);
            dropIfEmpty(d.persistenceId());
        }
        return Applied.INSTANCE;
    }

    /** The fencing rule: an append must start exactly one past the highest stored sequence number. */
    private JournalReply append(Append a) throws MalformedJournalBytes {
        check(a);
        EntityLog log = logs.computeIfAbsent(a.persistenceId(), pid -> new EntityLog());
        if (a.from() != log.highest + 1) {
            if (log.highest == 0) {
                logs.remove(a.persistenceId());
            }
            return new Fenced(a.persistenceId(), log.highest + 1, a.from());
        }
        for (StoredEvent e : a.events()) {
            log.events.put(e.sequenceNr(), e);
        }
        log.highest = a.to();
        return new Appended(a.persistenceId(), log.highest);
    }

    JournalReply query(Query query) {
        if (query instanceof Replay r) {
            EntityLog log = logs.get(r.persistenceId());
            long from = log == null ? r.from() : Math.max(r.from(), log.deletedTo + 1);
            if (log == null || r.max() <= 0 || from > r.to()) {
                return new Events(List.of(), false);
            }
            long limit = Math.min(r.max(), PAGE_EVENTS);
            List<StoredEvent> page = new ArrayList<>();
            long bytes = 0;
            for (StoredEvent e : log.events.subMap(from, true, r.to(), true).values()) {
                if (page.size() == limit || (!page.isEmpty() && bytes + e.payload().length > PAGE_BYTES)) {
                    return new Events(page, page.size() < r.max());
                }
                page.add(e);
                bytes += e.payload().length;
            }
            return new Events(page, false);
        }
        if (query instanceof ReadHighest h) {
            EntityLog log = logs.get(h.persistenceId());
            return new Highest(log == null ? 0 : log.highest);
        }
        LoadSnapshot l = (LoadSnapshot) query;
        TreeMap<Long, StoredSnapshot> kept = snapshots.get(l.persistenceId());
        if (kept != null) {
            for (StoredSnapshot s : kept.descendingMap().values()) {
                if (l.criteria().matches(s)) {
                    return new SnapshotFound(Optional.of(s));
                }
            }
        }
        return new SnapshotFound(Optional.empty());
    }

    private void dropIfEmpty(String persistenceId) {
        TreeMap<Long, StoredSnapshot> kept = snapshots.get(persistenceId);
        if (kept != null && kept.isEmpty()) {
            snapshots.remove(persistenceId);
        }
    }

    /** The state in {@link JournalWire}'s encodings, in key order: equal states give equal bytes. */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(logs.size());
        for (Map.Entry<String, EntityLog> e : logs.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue().highest);
            out.writeLong(e.getValue().deletedTo);
            out.writeInt(e.getValue().events.size());
            for (StoredEvent event : e.getValue().events.values()) {
                JournalWire.event(out, event);
            }
        }
        out.writeInt(snapshots.size());
        for (Map.Entry<String, TreeMap<Long, StoredSnapshot>> e : snapshots.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (StoredSnapshot s : e.getValue().values()) {
                JournalWire.snapshot(out, s);
            }
        }
    }

    static JournalState readFrom(DataInputStream in) throws IOException {
        JournalState state = new JournalState();
        int pids = JournalWire.count(in);
        for (int i = 0; i < pids; i++) {
            EntityLog log = new EntityLog();
            String pid = in.readUTF();
            log.highest = in.readLong();
            log.deletedTo = in.readLong();
            int events = JournalWire.count(in);
            for (int j = 0; j < events; j++) {
                StoredEvent e = JournalWire.event(in);
                log.events.put(e.sequenceNr(), e);
            }
            state.logs.put(pid, log);
        }
        int withSnapshots = JournalWire.count(in);
        for (int i = 0; i < withSnapshots; i++) {
            String pid = in.readUTF();
            int count = JournalWire.count(in);
            NavigableMap<Long, StoredSnapshot> kept = state.snapshots.computeIfAbsent(pid, p -> new TreeMap<>());
            for (int j = 0; j < count; j++) {
                StoredSnapshot s = JournalWire.snapshot(in);
                kept.put(s.sequenceNr(), s);
            }
        }
        return state;
    }
}
