package dev.kwam.node.up;

import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.PeerSettings;
import dev.kwam.consensus.RaftGroupHost;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import dev.kwam.consensus.ledger.SpentLedger;
import dev.kwam.node.config.ConsensusSettings;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.consent.GroupAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part in the consensus group (docs/consensus.md): a Raft peer with its log under
 * {@code <data>/consensus} when the node votes, and in every case the access through which it reaches
 * the group. Stops after the ports, with the files.
 */
final class OpenConsensus implements Subsystem {
    private static final Logger LOG = LoggerFactory.getLogger(OpenConsensus.class);
    /** How long a consensus call may take before its outcome is reported unknown; an election takes 1-2 s. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    static final String DIRECTORY = "consensus";

    private final Optional<RaftGroupHost> peer;
    private final GroupAccess access;

    private OpenConsensus(Optional<RaftGroupHost> peer, GroupAccess access) {
        this.peer = peer;
        this.access = access;
    }

    static OpenConsensus open(ActorSystem<?> system, PreparedNode node) throws StartupException {
        NodeSettings s = node.settings();
        ConsensusSettings c = s.consensus();
        Optional<Voters> known = c.knownVoters(s.name(), s.host(), s.foundsCluster());
        Optional<RaftGroupHost> peer = Optional.empty();
        if (c.votes(s.name(), s.host(), s.foundsCluster())) {
            Voter self = c.self(s.name(), s.host());
            Path storage = node.data().resolve(DIRECTORY);
            try {
                peer = Optional.of(RaftGroupHost.start(PeerSettings.of(self, known.orElseThrow(), storage), new SpentLedger()));
            } catch (ConsensusException e) {
                throw new StartupException(e.what(), e.where().orElse(storage.toString()), e.why(),
                        e.fix() + " (--raft-port " + c.raftPort() + ")", e);
            }
        }
        GroupAccess access = new GroupAccess(system, known, CALL_TIMEOUT);
        LOG.info("consensus: {}", access.describe(s.name()));
        return new OpenConsensus(peer, access);
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
        access.close();
        return peer.map(RaftGroupHost::stop).orElse(CompletableFuture.completedFuture(Done.getInstance()));
    }
}
