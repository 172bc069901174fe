package dev.kwam.node.config;

import com.typesafe.config.Config;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import java.util.List;
import java.util.Optional;

/**
 * Where the node's Raft peer listens and who votes ({@code kwam.node.consensus}). With voters listed, a
 * node is a voter exactly when its name is among them (at its own host and raft port) and a client of
 * the group otherwise. With none listed, a node that founds its cluster is a group of one, and a node
 * that joins one learns the voters from the members' {@code raft-voter:} roles: a fleet started with
 * plain {@code --seed}s still runs one group, never one per node.
 *
 * @param raftPort the Raft peer's port (P4)
 * @param voters   {@code NAME=HOST:P4} as given; empty means the rule above
 */
public record ConsensusSettings(int raftPort, List<Voter> voters) {

    public ConsensusSettings {
        voters = List.copyOf(voters);
    }

    static ConsensusSettings from(Config node) {
        Config c = node.getConfig("consensus");
        int port = c.getInt("raft-port");
        NodeSettings.checkPort("kwam.node.consensus.raft-port", port, false);
        List<Voter> voters = c.getStringList("voters").stream().map(Voter::parse).toList();
        if (!voters.isEmpty()) {
            new Voters(voters); // refuses a name or an address given twice
        }
        return new ConsensusSettings(port, voters);
    }

    /** This node as a peer of the group, at its host and raft port. */
    public Voter self(String name, String host) {
        return new Voter(name, host, raftPort);
    }

    /**
     * The voters when this node knows them without asking the cluster: the listed ones, or itself alone
     * when it founds a cluster with none listed. Empty: learn them from the members' roles.
     */
    public Optional<Voters> knownVoters(String name, String host, boolean foundsCluster) {
        if (!voters.isEmpty()) {
            return Optional.of(new Voters(voters));
        }
        return foundsCluster ? Optional.of(new Voters(List.of(self(name, host)))) : Optional.empty();
    }

    /** Whether this node runs a Raft peer: it is listed, or it is the group of one. */
    public boolean votes(String name, String host, boolean foundsCluster) {
        return knownVoters(name, host, foundsCluster).flatMap(v -> v.named(name)).isPresent();
    }

    /** Refuses a node listed as a voter at another address than its own (its peer would never be reached). */
    void checkSelf(String name, String host) {
        voters.stream().filter(v -> v.name().equals(name)).findFirst().ifPresent(listed -> {
            if (!listed.equals(self(name, host))) {
                throw new IllegalArgumentException("node " + name + " is listed as voter " + listed + " but its own raft address is "
                        + host + ":" + raftPort + "; give --raft-port " + listed.port() + " (and --host " + listed.host()
                        + "), or list it as " + self(name, host));
            }
        });
    }
}
