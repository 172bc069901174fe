package dev.kwam.node.consent;

import dev.kwam.actors.error.KwamError;
import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.PublicKey;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.MustAgree;
import dev.kwam.consensus.entities.ChannelPointers;
import dev.kwam.consensus.entities.ConsentLedger;
import dev.kwam.consensus.entities.NodeMarks;
import dev.kwam.consensus.entities.TrustRoots;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.maintenance.NodeMark;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link AgreedState} over the consensus module's sharded entities ({@link MustAgree}): translates
 * between their plain-text records (consensus knows no dsl types) and the node's typed ones. A record
 * that does not parse back (a key, a cid, a capability this build does not know) fails the read: the
 * roots are never silently shortened.
 */
public final class ConsensusState implements AgreedState {
    private final MustAgree entities;

    public ConsensusState(MustAgree entities) {
        this.entities = entities;
    }

    @Override
    public CompletionStage<TrustRoster> roster() {
        return entities.trustRoots().thenApply(ConsensusState::roster);
    }

    @Override
    public CompletionStage<SpendResult> spend(String tokenId, String spender, String action) {
        return entities.spend(tokenId, spender, action).thenApply(outcome -> outcome instanceof ConsentLedger.AlreadySpent a
                ? new AlreadySpent(a.firstSpender(), a.firstAction(), a.at())
                : new Spent(((ConsentLedger.Spent) outcome).at()));
    }

    @Override
    public CompletionStage<Optional<ChannelPointer>> pointer(String channel) {
        return entities.pointer(channel).thenApply(current -> current.pointer().map(p -> pointer(channel, p,
                current.history().stream().findFirst())));
    }

    @Override
    public CompletionStage<ChannelPointer> setPointer(String channel, Cid cid, String setBy, String tokenId) {
        return entities.setPointer(channel, cid.toString(), setBy, tokenId)
                .thenApply(set -> pointer(channel, set.current(), set.previous()));
    }

    @Override
    public CompletionStage<TrustRoster> addSigner(TrustedKey key) {
        return entities.addSigner(newSigner(key), key.added().by()).thenCompose(this::afterChange);
    }

    @Override
    public CompletionStage<TrustRoster> revokeSigner(String keyId, TrustedKey.Change change) {
        return entities.revokeSigner(keyId, change.by()).thenCompose(this::afterChange);
    }

    @Override
    public CompletionStage<Boolean> seedTrust(List<TrustedKey> genesis) {
        return entities.seedTrust(genesis.stream().map(ConsensusState::newSigner).toList(), TrustedKey.GENESIS)
                .thenApply(outcome -> outcome instanceof TrustRoots.Seeded);
    }

    @Override
    public CompletionStage<Map<String, NodeMark>> nodeMarks() {
        return entities.nodeMarks().thenApply(ConsensusState::marks);
    }

    @Override
    public CompletionStage<Map<String, NodeMark>> markNode(String node, NodeMark.State state, String by, String tokenId) {
        return entities.markNode(node, state.word(), by, tokenId).thenApply(ConsensusState::marks);
    }

    @Override
    public CompletionStage<Map<String, NodeMark>> clearNode(String node, String by) {
        return entities.clearNode(node, by).thenApply(ConsensusState::marks);
    }

    private static Map<String, NodeMark> marks(NodeMarks.Marks marks) {
        Map<String, NodeMark> byNode = new TreeMap<>();
        marks.byNode().forEach((node, m) -> byNode.put(node, new NodeMark(NodeMark.State.of(m.state()).orElseThrow(() ->
                new IllegalStateException("node " + node + " carries mark '" + m.state() + "', which this build does not know: "
                        + "upgrade this node")), m.at(), m.by())));
        return byNode;
    }

    private CompletionStage<TrustRoster> afterChange(TrustRoots.ChangeOutcome outcome) {
        if (outcome instanceof TrustRoots.ChangeRefused refused) {
            return CompletableFuture.failedFuture(new ConsensusException(KwamError.of("trust.refused", "the trust roots were not changed",
                    "key " + refused.keyId(), refused.reason(), "kwam trust list shows the keys and their state")));
        }
        return roster();
    }

    private static TrustRoots.NewSigner newSigner(TrustedKey key) {
        return new TrustRoots.NewSigner(key.key().id(), key.key().signer(), key.person(), key.key().key().toString(),
                key.capabilities().stream().map(Capability::keyword).sorted().toList());
    }

    static TrustRoster roster(TrustRoots.Roster roster) {
        return new TrustRoster(roster.signers().stream().map(ConsensusState::trusted).toList(), roster.seeded());
    }

    private static TrustedKey trusted(TrustRoots.Signer s) {
        TrustRoots.NewSigner n = s.signer();
        EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        for (String word : n.capabilities()) {
            caps.add(Capability.fromKeyword(word).orElseThrow(() -> new IllegalStateException("trust roots list capability '" + word
                    + "' for key " + n.keyId() + ", which this build does not know: upgrade this node")));
        }
        Optional<TrustedKey.Change> revoked = s.revokedAt().map(at -> new TrustedKey.Change(at, s.revokedBy().orElse("")));
        return new TrustedKey(new SignerKey(n.organisation(), n.keyId(), PublicKey.parse(n.publicKey())), n.person(), caps,
                new TrustedKey.Change(s.addedAt(), s.addedBy()), revoked);
    }

    private static ChannelPointer pointer(String channel, ChannelPointers.Pointer p, Optional<ChannelPointers.Pointer> previous) {
        return new ChannelPointer(channel, Cid.parse(p.cid()), p.version(), p.setAt(), p.setBy(), previous.map(q -> Cid.parse(q.cid())));
    }
}
