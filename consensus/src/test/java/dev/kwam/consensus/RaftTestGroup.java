package dev.kwam.consensus;

import dev.kwam.consensus.journal.JournalStateMachine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real journal peers on loopback, each with its own storage directory under {@code root}, for the tests. */
public final class RaftTestGroup implements AutoCloseable {
    private final Path root;
    private final Voters voters;
    private final boolean snapshotOnStop;
    private final Map<String, RaftGroupHost> running = new LinkedHashMap<>();

    private RaftTestGroup(Path root, Voters voters, boolean snapshotOnStop) {
        this.root = root;
        this.voters = voters;
        this.snapshotOnStop = snapshotOnStop;
    }

    /**
     * {@code size} voters n1..nN, all started; a group of one is started the way a node with no --voter is.
     * Without {@code snapshotOnStop} a restart recovers as after a crash: the last snapshot, then the log.
     */
    public static RaftTestGroup start(Path root, int size, boolean snapshotOnStop) throws ConsensusException {
        List<Integer> ports = LoopbackPorts.take(size);
        List<String> given = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            given.add("n" + (i + 1) + "=127.0.0.1:" + ports.get(i));
        }
        Voter first = Voter.parse(given.get(0));
        RaftTestGroup group = new RaftTestGroup(root, Voters.parse(size == 1 ? List.of() : given, first), snapshotOnStop);
        group.startAll();
        return group;
    }

    public Voters voters() {
        return voters;
    }

    public RaftGroupHost host(String name) {
        return running.get(name);
    }

    public void startAll() throws ConsensusException {
        for (Voter v : voters.members()) {
            if (!running.containsKey(v.name())) {
                running.put(v.name(), RaftGroupHost.start(
                        PeerSettings.of(v, voters, root.resolve(v.name())).withSnapshotOnStop(snapshotOnStop),
                        new JournalStateMachine()));
            }
        }
    }

    public void stop(String name) throws ConsensusException {
        RaftGroupHost host = running.remove(name);
        if (host != null) {
            host.close();
        }
    }

    public void stopAll() throws ConsensusException {
        for (String name : List.copyOf(running.keySet())) {
            stop(name);
        }
    }

    /** Polls until a running peer leads; the deadline is generous because elections here take 1-2 s. */
    public String awaitLeader(Duration within) throws InterruptedException {
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

    public ConsensusClient client(Duration timeout) {
        return ConsensusClient.connect(voters, timeout);
    }

    @Override
    public void close() throws ConsensusException {
        stopAll();
    }
}
