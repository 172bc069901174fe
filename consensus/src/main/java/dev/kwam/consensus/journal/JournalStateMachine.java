package dev.kwam.consensus.journal;

import dev.kwam.consensus.journal.JournalRequest.Append;
import dev.kwam.consensus.journal.JournalRequest.Command;
import dev.kwam.consensus.journal.JournalRequest.Query;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Pekko Persistence journal and snapshot store as a Raft state machine ({@link JournalState}). Its one
 * rule beyond storage is fencing: an append must start exactly one past the highest stored sequence number
 * of its persistence id, so of two incarnations of one entity writing at once, the log orders one first and
 * the other is answered {@link JournalReply.Fenced}, storing nothing. Apply reads nothing but the log entry.
 * Malformed commands are refused at the leader before they are logged ({@link #startTransaction}).
 */
public final class JournalStateMachine extends BaseStateMachine {
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private JournalState state = new JournalState();

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        restoreLatestSnapshot();
    }

    /** After the leader installed a snapshot on this peer. */
    @Override
    public void reinitialize() throws IOException {
        restoreLatestSnapshot();
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    /**
     * Refusals are set on the transaction rather than thrown: Ratis then answers the client with a
     * {@code StateMachineException} and logs nothing, whereas a thrown exception reaches the client as a
     * transport failure that it retries until it times out.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        try {
            JournalRequest decoded = JournalWire.decodeRequest(request.getMessage().getContent().toByteArray());
            if (!(decoded instanceof Command)) {
                throw new MalformedJournalBytes("a " + decoded.getClass().getSimpleName() + " is a query: send it as a read");
            }
            if (decoded instanceof Append a) {
                JournalState.check(a);
            } else if (decoded instanceof JournalRequest.AppendBatch b) {
                JournalState.check(b);
            }
        } catch (MalformedJournalBytes refused) {
            trx.setException(refused);
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        byte[] bytes = entry.getStateMachineLogEntry().getLogData().toByteArray();
        synchronized (this) {
            // The index advances even for an entry that does not decode: it is in the log either way, and every
            // peer refuses it the same way (startTransaction keeps such entries out in the first place).
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            try {
                if (JournalWire.decodeRequest(bytes) instanceof Command command) {
                    return CompletableFuture.completedFuture(reply(state.apply(command)));
                }
                return CompletableFuture.failedFuture(new MalformedJournalBytes("a query reached the log"));
            } catch (MalformedJournalBytes e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /** Reached only through the leader's read index (the group runs LINEARIZABLE reads). */
    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            if (JournalWire.decodeRequest(request.getContent().toByteArray()) instanceof Query query) {
                synchronized (this) {
                    return CompletableFuture.completedFuture(reply(state.query(query)));
                }
            }
            throw new MalformedJournalBytes("a command is a write: send it through the log, not as a read");
        } catch (MalformedJournalBytes e) {
            // Wrapped so Ratis answers with it: any other failure reaches the client as one to retry.
            return CompletableFuture.failedFuture(new StateMachineException(e.getMessage(), e));
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex at;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        synchronized (this) {
            at = getLastAppliedTermIndex();
            if (at == null || at.getIndex() < 0) {
                return -1; // nothing applied yet: nothing to keep
            }
            try (DataOutputStream out = new DataOutputStream(copy)) {
                state.writeTo(out);
            }
        }
        File file = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        JournalSnapshotFile.write(file.toPath(), copy.toByteArray());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), at));
        return at.getIndex();
    }

    private synchronized void restoreLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo latest = storage.loadLatestSnapshot();
        if (latest == null) {
            return; // a fresh peer: the log replays from its start
        }
        File file = latest.getFile().getPath().toFile();
        if (latest.hasMd5()) {
            MD5FileUtil.verifySavedMD5(file, MD5FileUtil.computeMd5ForFile(file));
        }
        state = JournalSnapshotFile.read(file.toPath());
        setLastAppliedTermIndex(latest.getTermIndex());
    }

    private static Message reply(JournalReply reply) {
        return Message.valueOf(ByteString.copyFrom(JournalWire.encode(reply)));
    }
}
