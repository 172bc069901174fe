package dev.kwam.node.client;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.node.grpc.v1.AddSignerRequest;
import dev.kwam.node.grpc.v1.DrainNodeRequest;
import dev.kwam.node.grpc.v1.DrainProgress;
import dev.kwam.node.grpc.v1.GetPointerRequest;
import dev.kwam.node.grpc.v1.KwamAdminClient;
import dev.kwam.node.grpc.v1.ListTrustRequest;
import dev.kwam.node.grpc.v1.NodeMarkRequest;
import dev.kwam.node.grpc.v1.Pointer;
import dev.kwam.node.grpc.v1.QuarantineFragmentRequest;
import dev.kwam.node.grpc.v1.QuarantineResult;
import dev.kwam.node.grpc.v1.RevokeSignerRequest;
import dev.kwam.node.grpc.v1.SetPointerRequest;
import dev.kwam.node.grpc.v1.TailAuditRequest;
import dev.kwam.node.grpc.v1.TrustRoots;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * admin.proto's calls for a client: channel pointers, the trust roots and the node's audit log. Changes
 * carry a consent token the node verifies and spends; a refusal arrives as a REFUSED
 * {@link KwamClientException} whose details are the refusal codes with their reasons.
 */
public final class AdminCalls {
    private final KwamAdminClient grpc;
    private final ActorSystem<?> system;
    private final KwamClient await;
    private final String endpoint;

    AdminCalls(KwamAdminClient grpc, ActorSystem<?> system, KwamClient await, String endpoint) {
        this.grpc = grpc;
        this.system = system;
        this.await = await;
        this.endpoint = endpoint;
    }

    public Pointer setPointer(String channel, Cid cid, String grant) throws KwamClientException {
        return await.awaitCall(grpc.setPointer(SetPointerRequest.newBuilder().setChannel(channel).setCid(cid.toString()).setGrant(grant)
                .build()), "set pointer " + channel);
    }

    public Pointer getPointer(String channel) throws KwamClientException {
        return await.awaitCall(grpc.getPointer(GetPointerRequest.newBuilder().setChannel(channel).build()), "get pointer " + channel);
    }

    public TrustRoots listTrust() throws KwamClientException {
        return await.awaitCall(grpc.listTrust(ListTrustRequest.getDefaultInstance()), "list the trust roots");
    }

    public TrustRoots addSigner(SignerKey key, String person, List<String> capabilities, String grant) throws KwamClientException {
        return await.awaitCall(grpc.addSigner(AddSignerRequest.newBuilder().setKeyId(key.id()).setSigner(key.signer())
                .setPublicKey(key.key().toString()).setPerson(person).addAllCapabilities(capabilities).setGrant(grant).build()),
                "add signer " + key.id());
    }

    public TrustRoots revokeSigner(String keyId, String grant) throws KwamClientException {
        return await.awaitCall(grpc.revokeSigner(RevokeSignerRequest.newBuilder().setKeyId(keyId).setGrant(grant).build()),
                "revoke signer " + keyId);
    }

    public dev.kwam.node.grpc.v1.NodeMarks cordon(String node) throws KwamClientException {
        return await.awaitCall(grpc.cordonNode(NodeMarkRequest.newBuilder().setNode(node).build()), "cordon " + node);
    }

    public dev.kwam.node.grpc.v1.NodeMarks uncordon(String node) throws KwamClientException {
        return await.awaitCall(grpc.uncordonNode(NodeMarkRequest.newBuilder().setNode(node).build()), "uncordon " + node);
    }

    public DrainProgress drain(String node, String grant) throws KwamClientException {
        return await.awaitCall(grpc.drainNode(DrainNodeRequest.newBuilder().setNode(node).setGrant(grant).build()), "drain " + node);
    }

    public DrainProgress drainStatus(String node) throws KwamClientException {
        return await.awaitCall(grpc.drainStatus(NodeMarkRequest.newBuilder().setNode(node).build()), "drain status of " + node);
    }

    public QuarantineResult quarantine(Cid fragment, String reason, String grant) throws KwamClientException {
        return await.awaitCall(grpc.quarantineFragment(QuarantineFragmentRequest.newBuilder().setFragment(fragment.toString())
                .setReason(reason).setGrant(grant).build()), "quarantine " + fragment);
    }

    /**
     * Hands each audit line to {@code sink}: the last {@code last}, then (following) every new one until
     * the stream ends or the thread is interrupted.
     */
    public void tailAudit(int last, boolean follow, Consumer<String> sink) throws KwamClientException {
        CompletionStage<?> done = grpc.tailAudit(TailAuditRequest.newBuilder().setLast(last).setFollow(follow).build())
                .runForeach(entry -> sink.accept(entry.getLine()), system);
        try {
            done.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw CallFailures.classify("tail the audit log", endpoint, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
