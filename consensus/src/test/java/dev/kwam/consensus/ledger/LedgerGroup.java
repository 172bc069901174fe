package dev.kwam.consensus.ledger;

import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.LoopbackPorts;
import dev.kwam.consensus.PeerSettings;
import dev.kwam.consensus.RaftGroupHost;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real ledger peers on loopback, each with its own storage directory under {@code root}, for the tests. */
final class LedgerGroup implements AutoCloseable {
    private final Path root;
    private final Voters voters;
    private final long snapshotEvery;
    private final boolean snapshotOnStop;
    private final Map<String, RaftGroupHost> running = new LinkedHashMap<>();

    private LedgerGroup(Path root, Voters voters, long snapshotEvery, boolean snapshotOnStop) {
        this.root = root;
        this.voters = voters;
        this.snapshotEvery = snapshotEvery;
        this.snapshotOnStop = snapshotOnStop;
    }

    /**
     * {@code size} voters n1..nN, all started; a group of one is started the way a node with no --voter is.
     * Without {@code snapshotOnStop} a restart recovers as after a crash: the last snapshot, then the log.
     */
    static LedgerGroup start(Path root, int size, long snapshotEvery, boolean snapshotOnStop) throws ConsensusException {
        List<Integer> ports = LoopbackPorts.take(size);
        List<String> given = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            given.add("n" + (i + 1) + "=127.0.0.1:" + ports.get(i));
        }
        Voter first = Voter.parse(given.get(0));
        LedgerGroup group = new LedgerGroup(root, Voters.parse(size == 1 ? List.of() : given, first), snapshotEvery, snapshotOnStop);
        group.startAll();
        return group;
    }

    Voters voters() {
        return voters;
    }

    RaftGroupHost host(String name) {
        return running.get(name);
    }

    void startAll() throws ConsensusException {
        for (Voter v : voters.members()) {
            if (!running.containsKey(v.name())) {
                running.put(v.name(), RaftGroupHost.start(
                        PeerSettings.of(v, voters, root.resolve(v.name()))
                                .withSnapshotEvery(snapshotEvery).withSnapshotOnStop(snapshotOnStop),
                        new SpentLedger()));
            }
        }
    }

    void stop(String name) throws ConsensusException {
        RaftGroupHost host = running.remove(name);
        if (host != null) {
            host.close();
        }
    }

    void stopAll() throws ConsensusException {
        for (String name : List.copyOf(running.keySet())) {
            stop(name);
        }
    }

    /** Polls until a running peer leads; the deadline is generous because elections here take 1-2 s. */
    String awaitLeader(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> leader = running.entrySet().stream()
                    .filter(e -> e.getValue().isLeader()).map(Map.Entry::getKey).findFirst();
            if (leader.isPresent()) {
                return leader.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader among " + running.keySet() + " within " + within);
    }

    LedgerClient client(Duration timeout) {
        return LedgerClient.connect(voters, timeout);
    }

    @Override
    public void close() throws ConsensusException {
        stopAll();
    }
}
