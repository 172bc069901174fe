package dev.kwam.consensus.ledger;

import dev.kwam.consensus.ledger.LedgerReply.AlreadySpent;
import dev.kwam.consensus.ledger.LedgerReply.Spent;
import dev.kwam.consensus.ledger.LedgerReply.Unspent;
import dev.kwam.consensus.ledger.LedgerRequest.IsSpent;
import dev.kwam.consensus.ledger.LedgerRequest.Spend;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * The spent consent-token ledger as a Raft state machine: a token is spent at most once, by whoever's
 * {@link Spend} the log orders first; every later spend answers {@link AlreadySpent} naming that first one.
 * Apply is a function of the log alone (no clock, no randomness), so every peer holds the same ledger.
 * Malformed commands are refused at the leader before they are logged ({@link #startTransaction}).
 */
public final class SpentLedger extends BaseStateMachine {
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    /** Sorted so a snapshot of equal state is the same file on every peer. Read by queries without the lock. */
    private final ConcurrentSkipListMap<String, Spent> spent = new ConcurrentSkipListMap<>();

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
     * transport failure that its ordered stream retries until it times out.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        try {
            if (!(LedgerWire.decodeRequest(request.getMessage().getContent().toByteArray()) instanceof Spend)) {
                throw new MalformedLedgerBytes("IsSpent is a query: send it as a read, not a write");
            }
        } catch (MalformedLedgerBytes refused) {
            trx.setException(refused);
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        byte[] bytes = entry.getStateMachineLogEntry().getLogData().toByteArray();
        synchronized (this) {
            // The index advances even for an entry that does not decode: it is in the log either way, and
            // every peer refuses it the same way (startTransaction keeps such entries out in the first place).
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            try {
                if (LedgerWire.decodeRequest(bytes) instanceof Spend spend) {
                    return CompletableFuture.completedFuture(reply(apply(spend)));
                }
                return CompletableFuture.failedFuture(new MalformedLedgerBytes("a query reached the log"));
            } catch (MalformedLedgerBytes e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    private LedgerReply.SpendOutcome apply(Spend spend) {
        Spent first = spent.get(spend.tokenId());
        if (first != null) {
            return new AlreadySpent(first.tokenId(), first.spender(), first.atMillis());
        }
        Spent now = new Spent(spend.tokenId(), spend.spender(), spend.atMillis());
        spent.put(now.tokenId(), now);
        return now;
    }

    /** Reached only through the leader's read index (the group runs LINEARIZABLE reads). */
    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            if (LedgerWire.decodeRequest(request.getContent().toByteArray()) instanceof IsSpent q) {
                Spent first = spent.get(q.tokenId());
                LedgerReply.TokenState state = first == null ? new Unspent(q.tokenId())
                        : new AlreadySpent(first.tokenId(), first.spender(), first.atMillis());
                return CompletableFuture.completedFuture(reply(state));
            }
            throw new MalformedLedgerBytes("Spend is a command: send it as a write, not a read");
        } catch (MalformedLedgerBytes e) {
            // Wrapped so Ratis answers with it: any other failure reaches the client as one to retry.
            return CompletableFuture.failedFuture(new StateMachineException(e.getMessage(), e));
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex at;
        List<Spent> copy;
        synchronized (this) {
            at = getLastAppliedTermIndex();
            copy = new ArrayList<>(spent.values());
        }
        if (at == null || at.getIndex() < 0) {
            return -1; // nothing applied yet: nothing to keep
        }
        File file = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        LedgerSnapshot.write(file.toPath(), copy);
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
        spent.clear();
        spent.putAll(LedgerSnapshot.read(file.toPath()));
        setLastAppliedTermIndex(latest.getTermIndex());
    }

    private static Message reply(LedgerReply reply) {
        return Message.valueOf(ByteString.copyFrom(LedgerWire.encode(reply)));
    }
}
