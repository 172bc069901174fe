package dev.kwam.consensus;

import dev.kwam.actors.error.KwamError;
import dev.kwam.consensus.entities.ChannelPointers;
import dev.kwam.consensus.entities.ConsentLedger;
import dev.kwam.consensus.entities.NodeMarks;
import dev.kwam.consensus.entities.RolloutSequencer;
import dev.kwam.consensus.entities.TrustRoots;
import dev.kwam.consensus.journal.JournalHead;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The must-agree state as node-app sees it: consent-token spends, the trust roster, channel pointers and rollout
 * steps, each an event-sourced entity under Cluster Sharding whose journal commits through the Raft group.
 * Every call completes with the entity's answer or fails with a {@link ConsensusException}:
 * {@code consensus.unavailable} when no group is attached to this node ({@link ConsensusExtension}),
 * {@code consensus.timeout} when no answer came in time (a write may or may not have been applied; repeat it:
 * a spend answers {@code AlreadySpent} naming you, a seed {@code AlreadySeeded}).
 */
public final class MustAgree {
    private final ActorSystem<?> system;
    private final ClusterSharding sharding;
    private final Duration timeout;

    private MustAgree(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.sharding = ClusterSharding.get(system);
        this.timeout = timeout;
    }

    /** Initialises sharding of the entity types on {@code system} (which must run Pekko Cluster). */
    public static MustAgree start(ActorSystem<?> system) {
        return start(system, system.settings().config().getDuration("kwam.consensus.ask-timeout"));
    }

    public static MustAgree start(ActorSystem<?> system, Duration timeout) {
        ConsentLedger.initSharding(system);
        TrustRoots.initSharding(system);
        ChannelPointers.initSharding(system);
        RolloutSequencer.initSharding(system);
        NodeMarks.initSharding(system);
        return new MustAgree(system, timeout);
    }

    // Consent tokens
    public CompletionStage<ConsentLedger.SpendOutcome> spend(String tokenId, String spender, String action) {
        return ask(ConsentLedger.TYPE_KEY, ConsentLedger.bucketOf(tokenId), replyTo -> new ConsentLedger.Spend(tokenId, spender, action,
                replyTo));
    }

    public CompletionStage<ConsentLedger.TokenState> isSpent(String tokenId) {
        return ask(ConsentLedger.TYPE_KEY, ConsentLedger.bucketOf(tokenId), replyTo -> new ConsentLedger.Check(tokenId, replyTo));
    }

    // Trust roots
    /**
     * The roster, current as of a linearizable read: the entity's answer counts only once it reflects every entry
     * the journal holds for it. A stale incarnation (a hand-over, the losing side of a partition) is behind and is
     * asked again, {@value #STALE_RETRIES} times at most, before the read fails as {@code consensus.stale}: a revoked
     * signer must never count because one node answered from old memory.
     */
    public CompletionStage<TrustRoots.Roster> trustRoots() {
        return currentRoster(STALE_RETRIES);
    }

    static final int STALE_RETRIES = 5;
    private static final Duration STALE_PAUSE = Duration.ofMillis(200);

    private CompletionStage<TrustRoots.Roster> currentRoster(int retries) {
        return this.<TrustRoots.Command, TrustRoots.Roster>ask(TrustRoots.TYPE_KEY, TrustRoots.ROSTER, TrustRoots.Get::new)
                .thenCompose(roster -> JournalHead.highest(system, TrustRoots.rosterPersistenceId()).thenCompose(highest -> {
                    if (roster.sequenceNr() >= highest) {
                        return CompletableFuture.completedFuture(roster);
                    }
                    if (retries == 0) {
                        return CompletableFuture.<TrustRoots.Roster>failedFuture(new ConsensusException(KwamError.of("consensus.stale",
                                "the trust roots answered from an old state", TrustRoots.rosterPersistenceId(), "the entity reflects entry "
                                        + roster.sequenceNr() + " but the journal holds " + highest + " (a hand-over or partition is under way)",
                                "repeat the call in a few seconds")));
                    }
                    return org.apache.pekko.pattern.Patterns.after(STALE_PAUSE, system.classicSystem().scheduler(),
                            system.executionContext(), () -> currentRoster(retries - 1));
                }));
    }

    /** Applies only to a roster never seeded; {@code by} is usually {@link TrustRoots#GENESIS}. */
    public CompletionStage<TrustRoots.SeedOutcome> seedTrust(List<TrustRoots.NewSigner> entries, String by) {
        return ask(TrustRoots.TYPE_KEY, TrustRoots.ROSTER, replyTo -> new TrustRoots.Seed(entries, by, replyTo));
    }

    public CompletionStage<TrustRoots.ChangeOutcome> addSigner(TrustRoots.NewSigner signer, String tokenId) {
        return ask(TrustRoots.TYPE_KEY, TrustRoots.ROSTER, replyTo -> new TrustRoots.AddSigner(signer, tokenId, replyTo));
    }

    public CompletionStage<TrustRoots.ChangeOutcome> revokeSigner(String keyId, String tokenId) {
        return ask(TrustRoots.TYPE_KEY, TrustRoots.ROSTER, replyTo -> new TrustRoots.RevokeSigner(keyId, tokenId, replyTo));
    }

    // Channel pointers
    public CompletionStage<ChannelPointers.Current> pointer(String channel) {
        return ask(ChannelPointers.TYPE_KEY, channel, ChannelPointers.Get::new);
    }

    public CompletionStage<ChannelPointers.PointerSet> setPointer(String channel, String cid, String by, String tokenId) {
        return ask(ChannelPointers.TYPE_KEY, channel, replyTo -> new ChannelPointers.Set(cid, by, tokenId, replyTo));
    }

    // Rollouts
    public CompletionStage<RolloutSequencer.Rollout> rollout(String name) {
        return ask(RolloutSequencer.TYPE_KEY, name, RolloutSequencer.Get::new);
    }

    public CompletionStage<RolloutSequencer.Outcome> startRollout(String name, String bundleCid, List<RolloutSequencer.Wave> waves,
                                                                 String pool, String by) {
        return ask(RolloutSequencer.TYPE_KEY, name, replyTo -> new RolloutSequencer.Start(bundleCid, waves, pool, by, replyTo));
    }

    public CompletionStage<RolloutSequencer.Outcome> startWave(String name) {
        return ask(RolloutSequencer.TYPE_KEY, name, RolloutSequencer.StartWave::new);
    }

    public CompletionStage<RolloutSequencer.Outcome> beginBake(String name) {
        return ask(RolloutSequencer.TYPE_KEY, name, RolloutSequencer.BeginBake::new);
    }

    public CompletionStage<RolloutSequencer.Outcome> passGate(String name) {
        return ask(RolloutSequencer.TYPE_KEY, name, RolloutSequencer.PassGate::new);
    }

    public CompletionStage<RolloutSequencer.Outcome> failGate(String name, String reason) {
        return ask(RolloutSequencer.TYPE_KEY, name, replyTo -> new RolloutSequencer.FailGate(reason, replyTo));
    }

    public CompletionStage<RolloutSequencer.Outcome> confirmRolledBack(String name) {
        return ask(RolloutSequencer.TYPE_KEY, name, RolloutSequencer.ConfirmRolledBack::new);
    }

    public CompletionStage<RolloutSequencer.Outcome> abortRollout(String name, String reason, String by) {
        return ask(RolloutSequencer.TYPE_KEY, name, replyTo -> new RolloutSequencer.Abort(reason, by, replyTo));
    }

    // Node maintenance marks
    public CompletionStage<NodeMarks.Marks> nodeMarks() {
        return ask(NodeMarks.TYPE_KEY, NodeMarks.FLEET, NodeMarks.Get::new);
    }

    /** Marks {@code node} ({@code cordoned}, {@code draining}, {@code drained}); {@code tokenId} empty when no consent was needed. */
    public CompletionStage<NodeMarks.Marks> markNode(String node, String state, String by, String tokenId) {
        return ask(NodeMarks.TYPE_KEY, NodeMarks.FLEET, replyTo -> new NodeMarks.Put(node, state, by, tokenId, replyTo));
    }

    public CompletionStage<NodeMarks.Marks> clearNode(String node, String by) {
        return ask(NodeMarks.TYPE_KEY, NodeMarks.FLEET, replyTo -> new NodeMarks.Clear(node, by, replyTo));
    }

    private <C, R> CompletionStage<R> ask(EntityTypeKey<C> type, String id, Function<ActorRef<R>, C> command) {
        if (ConsensusExtension.get(system).client().isEmpty()) {
            return CompletableFuture.failedFuture(ConsensusExtension.unavailable());
        }
        EntityRef<C> entity = sharding.entityRefFor(type, id);
        CompletableFuture<R> answer = new CompletableFuture<>();
        entity.<R>ask(command::apply, timeout).whenComplete((reply, failure) -> {
            if (failure == null) {
                answer.complete(reply);
            } else {
                answer.completeExceptionally(failed(type.name() + " " + id, failure));
            }
        });
        return answer;
    }

    private ConsensusException failed(String entity, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new ConsensusException(KwamError.of("consensus.timeout", "no answer from " + entity + " within " + timeout, entity,
                    "the entity did not answer: the Raft group may have no majority, or the entity stopped on a journal failure "
                            + "(fenced or unavailable) and is restarting; a write may or may not have been applied",
                    "check that a majority of the voters run and reach each other, then repeat the call (repeats are safe: "
                            + "a spend answers AlreadySpent naming you, a seed AlreadySeeded)"), cause);
        }
        return new ConsensusException(KwamError.of("consensus.failed", "the call to " + entity + " failed", entity,
                String.valueOf(cause), "repeat the call"), cause);
    }
}
