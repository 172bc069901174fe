package dev.kwam.node.consent;

import dev.kwam.codec.Cid;
import dev.kwam.node.maintenance.NodeMark;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The fleet's must-agree state as this node reads and changes it: every call goes through the
 * consensus group (reads are linearizable), so any node answers the same. Changes are made only after
 * the {@link ConsentGate} permitted them; this interface does not check consent itself.
 */
public interface AgreedState extends TrustRosterSource, TokenLedger {

    /** Where {@code channel} points; empty when it was never set. */
    CompletionStage<Optional<ChannelPointer>> pointer(String channel);

    CompletionStage<ChannelPointer> setPointer(String channel, Cid cid, String setBy, String tokenId);

    /** Adds {@code key}; refused when a key with its id or its public key is already listed (current or revoked). */
    CompletionStage<TrustRoster> addSigner(TrustedKey key);

    /** Revokes the key {@code keyId}; refused when no such key is listed or it is already revoked. */
    CompletionStage<TrustRoster> revokeSigner(String keyId, TrustedKey.Change change);

    /**
     * Seeds the trust roots with the keyring the group is formed with. Applies only the first time
     * ever, on any node: true when this call seeded them, false when they already were (then the
     * keyring is ignored).
     */
    CompletionStage<Boolean> seedTrust(List<TrustedKey> genesis);

    /** Every node's maintenance mark; unmarked nodes are in service. */
    CompletionStage<Map<String, NodeMark>> nodeMarks();

    /** Marks {@code node}; {@code tokenId} is empty when the mark needed no consent (cordon). Answers every mark after it. */
    CompletionStage<Map<String, NodeMark>> markNode(String node, NodeMark.State state, String by, String tokenId);

    /** Takes {@code node}'s mark away (nothing when it has none). Answers every mark after it. */
    CompletionStage<Map<String, NodeMark>> clearNode(String node, String by);
}
