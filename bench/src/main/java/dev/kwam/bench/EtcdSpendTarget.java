package dev.kwam.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The anchor: a spend as etcd users write it, one transaction "if the key was never created, put it", through
 * jetcd (gRPC, one HTTP/2 channel, round-robin over the members; a follower forwards to the leader). The value
 * carries what KWAM's ledger event carries: spender, action, time. etcd fsyncs its WAL before it answers.
 */
final class EtcdSpendTarget implements SpendTarget {
    private final Client client;
    private final KV kv;
    private final int members;

    private EtcdSpendTarget(Client client, int members) {
        this.client = client;
        this.kv = client.getKVClient();
        this.members = members;
    }

    /** {@code endpoints} like {@code http://127.0.0.1:2379}, one per member. */
    static EtcdSpendTarget connect(List<String> endpoints) {
        return new EtcdSpendTarget(Client.builder().endpoints(endpoints.toArray(String[]::new)).build(), endpoints.size());
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public int voters() {
        return members;
    }

    @Override
    public CompletionStage<Boolean> spend(String tokenId) {
        ByteSequence key = bytes("consent/" + tokenId);
        ByteSequence record = bytes(SpendRecord.SPENDER + "|" + SpendRecord.ACTION + "|" + Instant.now());
        return kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, record, PutOption.DEFAULT))
                .commit()
                .thenApply(TxnResponse::isSucceeded);
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
