package dev.kwam.node.consent;

import dev.kwam.actors.error.KwamError;
import dev.kwam.actors.pki.MutualTls;
import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import dev.kwam.node.cluster.ClusterConfig;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this node reaches the consensus group, whether it votes or not. The voters are known from the
 * start ({@code --voter}, or the node alone when it founded its cluster) or learnt from the members'
 * {@code raft-voter:} roles once this node has joined; the client is made on first use and remade if
 * the voters it was made for change.
 */
public final class GroupAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupAccess.class);

    private final ActorSystem<?> system;
    private final Optional<Voters> known;
    private final Duration timeout;
    private final MutualTls tls;
    private ConsensusClient client;
    private Voters connectedTo;
    private boolean closed;

    /** The group is reached over mutual TLS with {@code tls}: the node's own certificate, as its peers use. */
    public GroupAccess(ActorSystem<?> system, Optional<Voters> known, Duration timeout, MutualTls tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.system = Objects.requireNonNull(system, "system");
        this.known = Objects.requireNonNull(known, "known");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A client of the group; refused (consensus.unavailable) while no voter is known yet. */
    public synchronized ConsensusClient client() throws ConsensusException {
        if (closed) {
            throw unavailable("the node is stopping", "retry on another node");
        }
        Voters voters = voters().orElseThrow(() -> unavailable("no member of the cluster publishes itself as a voter yet",
                "wait until this node has joined its cluster, or start the nodes with the same --voter list"));
        if (client == null || !voters.equals(connectedTo)) {
            if (client != null) {
                LOG.info("consensus voters changed from {} to {}: reconnecting", connectedTo.members(), voters.members());
                closeQuietly(client);
            }
            client = ConsensusClient.connect(voters, timeout, Optional.of(tls));
            connectedTo = voters;
        }
        return client;
    }

    /** The voters this node would use now. */
    public Optional<Voters> voters() {
        return known.isPresent() ? known : fromMembers();
    }

    /** For the log and {@code status}: how this node reaches the group. */
    public String describe(String self) {
        Optional<Voters> voters = voters();
        if (voters.isEmpty()) {
            return "no voter known yet (learnt from the cluster once joined)";
        }
        List<String> names = voters.get().members().stream().map(Voter::toString).toList();
        return (voters.get().named(self).isPresent() ? "voter " : "client ") + "of " + names.size() + " voter(s) " + names;
    }

    private Optional<Voters> fromMembers() {
        List<Voter> voters = StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp())
                .map(ClusterConfig::raftVoterOf)
                .flatMap(Optional::stream)
                .map(Voter::parse)
                .sorted(Comparator.comparing(Voter::name))
                .toList();
        return voters.isEmpty() ? Optional.empty() : Optional.of(new Voters(voters));
    }

    private static ConsensusException unavailable(String why, String fix) {
        return new ConsensusException(KwamError.of("consensus.unavailable", "the consensus group cannot be reached",
                null, why, fix));
    }

    private static void closeQuietly(ConsensusClient c) {
        try {
            c.close();
        } catch (ConsensusException e) {
            LOG.warn("closing a consensus client failed: {}", e.why(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }
}
