package dev.kwam.node.up;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.ConsensusExtension;
import dev.kwam.consensus.MustAgree;
import dev.kwam.consensus.PeerSettings;
import dev.kwam.consensus.RaftGroupHost;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import dev.kwam.consensus.journal.JournalStateMachine;
import dev.kwam.dsl.consent.Keyring;
import dev.kwam.node.config.ConsensusSettings;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.consent.AgreedState;
import dev.kwam.node.consent.ConsensusState;
import dev.kwam.node.consent.GroupAccess;
import dev.kwam.node.consent.TrustGenesis;
import dev.kwam.node.maintenance.NodeMarksView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part in the consensus group (docs/consensus.md): a Raft peer with its log under
 * {@code <data>/consensus} when the node votes; in every case the group's client attached to the
 * journal plugin (at once when the voters are known, else as soon as a member publishes itself as a
 * voter), the sharded must-agree entities, and the trust roots' genesis from {@code --keyring}.
 * Stops after the ports, with the files.
 */
final class OpenConsensus implements Subsystem {
    private static final Logger LOG = LoggerFactory.getLogger(OpenConsensus.class);
    /** How long a consensus call may take before its outcome is reported unknown; an election takes 1-2 s. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    /** How often a node that learns the voters from the cluster looks, and a pending genesis retries. */
    static final Duration RETRY = Duration.ofSeconds(1);
    static final String DIRECTORY = "consensus";

    private final Optional<RaftGroupHost> peer;
    private final GroupAccess access;
    private final AgreedState state;
    private final Cancellable attaching;
    private final ActorSystem<?> system;
    private final NodeMarksView marks;
    private final String self;

    private OpenConsensus(ActorSystem<?> system, String self, Optional<RaftGroupHost> peer, GroupAccess access, AgreedState state,
            Cancellable attaching) {
        this.system = system;
        this.self = self;
        this.marks = NodeMarksView.start(system, state::nodeMarks);
        this.peer = peer;
        this.access = access;
        this.state = state;
        this.attaching = attaching;
    }

    static OpenConsensus open(ActorSystem<?> system, PreparedNode node) throws StartupException {
        NodeSettings s = node.settings();
        ConsensusSettings c = s.consensus();
        Optional<Keyring> keyring = keyring(s);
        Optional<Voters> known = c.knownVoters(s.name(), s.host(), s.foundsCluster());
        Optional<RaftGroupHost> peer = Optional.empty();
        MutualTls tls = MutualTls.of(node.identity());
        if (c.votes(s.name(), s.host(), s.foundsCluster())) {
            Voter self = c.self(s.name(), s.host());
            Path storage = node.data().resolve(DIRECTORY);
            try {
                peer = Optional.of(RaftGroupHost.start(PeerSettings.of(self, known.orElseThrow(), storage).withTls(tls),
                        new JournalStateMachine()));
            } catch (ConsensusException e) {
                throw new StartupException(e.what(), e.where().orElse(storage.toString()), e.why(),
                        e.fix() + " (--raft-port " + c.raftPort() + ")", e);
            }
        }
        GroupAccess access = new GroupAccess(system, known, CALL_TIMEOUT, tls);
        AgreedState state = new ConsensusState(MustAgree.start(system, CALL_TIMEOUT));
        Cancellable attaching = system.scheduler().scheduleAtFixedRate(Duration.ZERO, RETRY,
                () -> attach(system, access, s.name()), system.executionContext());
        keyring.ifPresent(k -> seedWhenReachable(system, state, k, s.keyring().orElseThrow()));
        LOG.info("consensus: {}", access.describe(s.name()));
        return new OpenConsensus(system, s.name(), peer, access, state, attaching);
    }

    /** Connects the journal to the group once the voters are known; a no-op after that. */
    private static void attach(ActorSystem<?> system, GroupAccess access, String self) {
        ConsensusExtension extension = ConsensusExtension.get(system);
        if (extension.client().isPresent()) {
            return;
        }
        try {
            extension.attach(access.client());
            LOG.info("consensus: attached as {}", access.describe(self));
        } catch (ConsensusException e) {
            LOG.debug("consensus: not attached yet: {}", e.why());
        }
    }

    /** Genesis is one write the group must take; until a majority answers, it is retried in the background. */
    private static void seedWhenReachable(ActorSystem<?> system, AgreedState state, Keyring keyring, Path dir) {
        system.scheduler().scheduleOnce(RETRY, () -> {
            if (ConsensusExtension.get(system).client().isEmpty()) {
                seedWhenReachable(system, state, keyring, dir);
                return;
            }
            TrustGenesis.seed(state, keyring, dir, Clock.systemUTC()).whenComplete((seeded, failure) -> {
                if (failure != null && !system.getWhenTerminated().toCompletableFuture().isDone()) {
                    seedWhenReachable(system, state, keyring, dir);
                }
            });
        }, system.executionContext());
    }

    private static Optional<Keyring> keyring(NodeSettings s) throws StartupException {
        if (s.keyring().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Keyring.load(s.keyring().get()));
        } catch (IOException e) {
            throw new StartupException("the consent keyring cannot be loaded", s.keyring().get(), String.valueOf(e.getMessage()),
                    "point --keyring at a directory of .pub files (kwam consent keygen writes them)", e);
        }
    }

    AgreedState state() {
        return state;
    }

    /** The fleet's node marks as this node's placer reads them. */
    NodeMarksView marks() {
        return marks;
    }

    /** For {@code kwam client status}: how this node reaches the group, and whether its journal uses it yet. */
    String describe() {
        return access.describe(self) + (ConsensusExtension.get(system).client().isPresent() ? " (attached)" : " (not attached yet)");
    }

    GroupAccess access() {
        return access;
    }

    @Override
    public String name() {
        return "consensus";
    }

    @Override
    public String stopPhase() {
        return RaftGroupHost.STOP_PHASE;
    }

    @Override
    public CompletionStage<Done> stop() {
        attaching.cancel();
        ConsensusExtension.get(system).detach();
        access.close();
        return peer.map(RaftGroupHost::stop).orElse(CompletableFuture.completedFuture(Done.getInstance()));
    }
}
