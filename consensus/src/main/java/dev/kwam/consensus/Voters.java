package dev.kwam.consensus;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** The group's voters, in the order given. Every peer and client of one fleet must be given the same set. */
public record Voters(List<Voter> members) {
    /**
     * One fixed group id: a fleet runs one consensus group, and its id must be the same on every node and
     * across restarts (Ratis keeps the log under a directory named by it), so it is derived, never random.
     */
    static final RaftGroupId GROUP_ID =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("kwam/consensus/v1".getBytes(StandardCharsets.UTF_8)));

    public Voters {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a Raft group needs at least one voter");
        }
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Voter v : members) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("voter name " + v.name() + " is given twice in " + members);
            }
            if (!addresses.add(v.address())) {
                throw new IllegalArgumentException("address " + v.address() + " is given to two voters in " + members);
            }
        }
    }

    /** {@code NAME=HOST:PORT} each; none given means a group of one: {@code self} alone. */
    public static Voters parse(List<String> given, Voter self) {
        return given.isEmpty() ? new Voters(List.of(self)) : new Voters(given.stream().map(Voter::parse).toList());
    }

    public Optional<Voter> named(String name) {
        return members.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    RaftGroup raftGroup() {
        return RaftGroup.valueOf(GROUP_ID, members.stream()
                .map(v -> RaftPeer.newBuilder().setId(RaftPeerId.valueOf(v.name())).setAddress(v.address()).build())
                .toList());
    }
}
