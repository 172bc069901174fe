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
import dev.kwam.consensus.journal.JournalRequest.DeleteEventsTo;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshot;
import dev.kwam.consensus.journal.JournalRequest.DeleteSnapshots;
import dev.kwam.consensus.journal.JournalRequest.LoadSnapshot;
import dev.kwam.consensus.journal.JournalRequest.ReadHighest;
import dev.kwam.consensus.journal.JournalRequest.Replay;
import dev.kwam.consensus.journal.JournalRequest.SaveSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal's bytes in the log, in replies and in the snapshot file: {@link #FORMAT}, a kind byte, then the
 * fields in {@link DataOutputStream}'s big-endian encodings (texts as modified UTF-8, payloads as a 4-byte
 * length and the bytes). Decoding accepts exactly one record of a known format and kind with nothing after
 * it: a peer that read a command differently from the others would diverge from them.
 */
final class JournalWire {
    static final byte FORMAT = 1;
    /**
     * One event or snapshot; larger ones are refused at the plugin rather than grown into the log. Well under
     * Ratis's 4 MiB log-appender buffer, so an entry always fits one append to the followers.
     */
    static final int MAX_PAYLOAD_BYTES = (1 << 20) + 4096;

    private static final byte APPEND = 1, DELETE_EVENTS = 2, SAVE_SNAPSHOT = 3, DELETE_SNAPSHOT = 4, DELETE_SNAPSHOTS = 5,
            APPEND_BATCH = 6;
    private static final byte REPLAY = 11, READ_HIGHEST = 12, LOAD_SNAPSHOT = 13;
    private static final byte APPENDED = 1, FENCED = 2, APPLIED = 3, EVENTS = 4, HIGHEST = 5, SNAPSHOT_FOUND = 6, BATCH = 7;

    private JournalWire() {
    }

    static byte[] encode(JournalRequest request) {
        return bytes(out -> {
            if (request instanceof Append a) {
                out.writeByte(APPEND);
                append(out, a);
            } else if (request instanceof AppendBatch b) {
                out.writeByte(APPEND_BATCH);
                out.writeInt(b.appends().size());
                for (Append a : b.appends()) {
                    append(out, a);
                }
            } else if (request instanceof DeleteEventsTo d) {
                out.writeByte(DELETE_EVENTS);
                out.writeUTF(d.persistenceId());
                out.writeLong(d.toSequenceNr());
            } else if (request instanceof SaveSnapshot s) {
                out.writeByte(SAVE_SNAPSHOT);
                out.writeUTF(s.persistenceId());
                snapshot(out, s.snapshot());
            } else if (request instanceof DeleteSnapshot d) {
                out.writeByte(DELETE_SNAPSHOT);
                out.writeUTF(d.persistenceId());
                out.writeLong(d.sequenceNr());
                out.writeLong(d.timestamp());
            } else if (request instanceof DeleteSnapshots d) {
                out.writeByte(DELETE_SNAPSHOTS);
                out.writeUTF(d.persistenceId());
                criteria(out, d.criteria());
            } else if (request instanceof Replay r) {
                out.writeByte(REPLAY);
                out.writeUTF(r.persistenceId());
                out.writeLong(r.from());
                out.writeLong(r.to());
                out.writeLong(r.max());
            } else if (request instanceof ReadHighest h) {
                out.writeByte(READ_HIGHEST);
                out.writeUTF(h.persistenceId());
            } else if (request instanceof LoadSnapshot l) {
                out.writeByte(LOAD_SNAPSHOT);
                out.writeUTF(l.persistenceId());
                criteria(out, l.criteria());
            }
        });
    }

    static JournalRequest decodeRequest(byte[] bytes) throws MalformedJournalBytes {
        return decode(bytes, "request", in -> {
            byte kind = in.readByte();
            return switch (kind) {
                case APPEND -> append(in);
                case APPEND_BATCH -> {
                    int count = count(in);
                    List<Append> appends = new ArrayList<>(Math.min(count, 1024));
                    for (int i = 0; i < count; i++) {
                        appends.add(append(in));
                    }
                    yield new AppendBatch(appends);
                }
                case DELETE_EVENTS -> new DeleteEventsTo(in.readUTF(), in.readLong());
                case SAVE_SNAPSHOT -> new SaveSnapshot(in.readUTF(), snapshot(in));
                case DELETE_SNAPSHOT -> new DeleteSnapshot(in.readUTF(), in.readLong(), in.readLong());
                case DELETE_SNAPSHOTS -> new DeleteSnapshots(in.readUTF(), criteria(in));
                case REPLAY -> new Replay(in.readUTF(), in.readLong(), in.readLong(), in.readLong());
                case READ_HIGHEST -> new ReadHighest(in.readUTF());
                case LOAD_SNAPSHOT -> new LoadSnapshot(in.readUTF(), criteria(in));
                default -> throw new MalformedJournalBytes("unknown journal request kind " + kind);
            };
        });
    }

    private static void append(DataOutputStream out, Append a) throws IOException {
        out.writeUTF(a.persistenceId());
        out.writeLong(a.from());
        out.writeLong(a.to());
        out.writeInt(a.events().size());
        for (StoredEvent e : a.events()) {
            event(out, e);
        }
    }

    private static Append append(DataInputStream in) throws IOException, MalformedJournalBytes {
        String pid = in.readUTF();
        long from = in.readLong();
        long to = in.readLong();
        int count = count(in);
        List<StoredEvent> events = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            events.add(event(in));
        }
        return new Append(pid, from, to, events);
    }

    static byte[] encode(JournalReply reply) {
        return bytes(out -> {
            if (reply instanceof Batch b) {
                out.writeByte(BATCH);
                out.writeInt(b.replies().size());
                for (JournalReply r : b.replies()) {
                    byte[] one = encode(r);
                    out.write(one, 1, one.length - 1); // each reply as it is encoded alone, without the format byte
                }
            } else if (reply instanceof Appended a) {
                out.writeByte(APPENDED);
                out.writeUTF(a.persistenceId());
                out.writeLong(a.highest());
            } else if (reply instanceof Fenced f) {
                out.writeByte(FENCED);
                out.writeUTF(f.persistenceId());
                out.writeLong(f.expected());
                out.writeLong(f.offered());
            } else if (reply instanceof Applied) {
                out.writeByte(APPLIED);
            } else if (reply instanceof Events e) {
                out.writeByte(EVENTS);
                out.writeBoolean(e.more());
                out.writeInt(e.events().size());
                for (StoredEvent event : e.events()) {
                    event(out, event);
                }
            } else if (reply instanceof Highest h) {
                out.writeByte(HIGHEST);
                out.writeLong(h.sequenceNr());
            } else if (reply instanceof SnapshotFound s) {
                out.writeByte(SNAPSHOT_FOUND);
                out.writeBoolean(s.snapshot().isPresent());
                if (s.snapshot().isPresent()) {
                    snapshot(out, s.snapshot().get());
                }
            }
        });
    }

    static JournalReply decodeReply(byte[] bytes) throws MalformedJournalBytes {
        return decode(bytes, "reply", in -> {
            byte kind = in.readByte();
            if (kind == BATCH) {
                int count = count(in);
                List<JournalReply> replies = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    JournalReply one = reply(in.readByte(), in);
                    if (!(one instanceof Appended) && !(one instanceof Fenced)) {
                        throw new MalformedJournalBytes("a batch answers appends only, not " + one);
                    }
                    replies.add(one);
                }
                return new Batch(replies);
            }
            return reply(kind, in);
        });
    }

    private static JournalReply reply(byte kind, DataInputStream in) throws IOException {
        return switch (kind) {
            case APPENDED -> new Appended(in.readUTF(), in.readLong());
            case FENCED -> new Fenced(in.readUTF(), in.readLong(), in.readLong());
            case APPLIED -> Applied.INSTANCE;
            case EVENTS -> {
                boolean more = in.readBoolean();
                int count = count(in);
                List<StoredEvent> events = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    events.add(event(in));
                }
                yield new Events(events, more);
            }
            case HIGHEST -> new Highest(in.readLong());
            case SNAPSHOT_FOUND -> new SnapshotFound(in.readBoolean() ? Optional.of(snapshot(in)) : Optional.empty());
            default -> throw new MalformedJournalBytes("unknown journal reply kind " + kind);
        };
    }

    static void event(DataOutputStream out, StoredEvent e) throws IOException {
        out.writeLong(e.sequenceNr());
        out.writeInt(e.serializerId());
        out.writeUTF(e.serializerManifest());
        out.writeUTF(e.eventManifest());
        out.writeUTF(e.writerUuid());
        out.writeLong(e.timestamp());
        payload(out, e.payload());
    }

    static StoredEvent event(DataInputStream in) throws IOException {
        return new StoredEvent(in.readLong(), in.readInt(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), payload(in));
    }

    static void snapshot(DataOutputStream out, StoredSnapshot s) throws IOException {
        out.writeLong(s.sequenceNr());
        out.writeLong(s.timestamp());
        out.writeInt(s.serializerId());
        out.writeUTF(s.serializerManifest());
        payload(out, s.payload());
    }

    static StoredSnapshot snapshot(DataInputStream in) throws IOException {
        return new StoredSnapshot(in.readLong(), in.readLong(), in.readInt(), in.readUTF(), payload(in));
    }

    private static void criteria(DataOutputStream out, SnapshotCriteria c) throws IOException {
        out.writeLong(c.maxSequenceNr());
        out.writeLong(c.maxTimestamp());
        out.writeLong(c.minSequenceNr());
        out.writeLong(c.minTimestamp());
    }

    private static SnapshotCriteria criteria(DataInputStream in) throws IOException {
        return new SnapshotCriteria(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    private static void payload(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
    }

    private static byte[] payload(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD_BYTES) {
            throw new MalformedJournalBytes("payload of " + length + " bytes is outside 0.." + MAX_PAYLOAD_BYTES);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException();
        }
        return bytes;
    }

    static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new MalformedJournalBytes("negative count " + count);
        }
        return count;
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private interface Reading<T> {
        T from(DataInputStream in) throws IOException;
    }

    private static byte[] bytes(Writing body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            body.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    private static <T> T decode(byte[] bytes, String what, Reading<T> body) throws MalformedJournalBytes {
        ByteArrayInputStream raw = new ByteArrayInputStream(bytes);
        try (DataInputStream in = new DataInputStream(raw)) {
            if (bytes.length < 2 || in.readByte() != FORMAT) {
                throw new MalformedJournalBytes("a journal " + what + " not of format " + FORMAT
                        + "; upgrade this peer or send from a client of the same version");
            }
            T out = body.from(in);
            if (raw.available() > 0) {
                throw new MalformedJournalBytes(raw.available() + " bytes follow a complete journal " + what);
            }
            return out;
        } catch (MalformedJournalBytes e) {
            throw e;
        } catch (EOFException e) {
            throw new MalformedJournalBytes("a journal " + what + " is cut short");
        } catch (UTFDataFormatException e) {
            throw new MalformedJournalBytes("a journal " + what + " holds a text that is not modified UTF-8");
        } catch (IOException e) {
            throw new MalformedJournalBytes("a journal " + what + " does not decode: " + e.getMessage());
        }
    }
}
