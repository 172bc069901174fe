package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.RaftTestGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.persistence.JournalProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on three real peers in this JVM: leader loss, then a full restart recovered from snapshot and log. */
class ThreeVoterJournalTest {
    private static final Duration ELECTION = Duration.ofSeconds(30);

    @TempDir
    Path storage;

    @Test
    void eventsWrittenAcrossALeaderLossAndAFullRestartAllReplayAndFencingStillHolds() throws Exception {
        // No snapshot at stop: events 1..20 come back from the snapshot, 21..40 from the log after it.
        RaftTestGroup group = RaftTestGroup.start(storage, 3, false);
        String leader = group.awaitLeader(ELECTION);
        try (ConsensusClient client = group.client(Duration.ofSeconds(20));
             PluginProbe plugins = new PluginProbe("three-voters", client)) {
            plugins.writeAll("entity-1", 1, 20);
            for (String peer : List.of("n1", "n2", "n3")) {
                assertTrue(group.host(peer).takeSnapshot(Duration.ofSeconds(20)) > 0, "snapshot on " + peer);
            }
            plugins.writeAll("entity-1", 21, 30);
            group.stop(leader);
            assertNotEquals(leader, group.awaitLeader(ELECTION), "a new leader took over");
            plugins.writeAll("entity-1", 31, 40);
        }
        group.stopAll();

        group.startAll();
        try (group; ConsensusClient client = group.client(Duration.ofSeconds(20));
             PluginProbe plugins = new PluginProbe("three-voters-restarted", client)) {
            PluginProbe.Replayed replay = plugins.replay("entity-1", 1, Long.MAX_VALUE, Long.MAX_VALUE);
            assertEquals(LongStream.rangeClosed(1, 40).mapToObj(s -> (Object) ("a-" + s)).toList(), replay.payloads());
            assertEquals(40, replay.highest());
            assertInstanceOf(JournalProtocol.WriteMessagesFailed.class,
                    plugins.write("entity-1", "stale", 40, List.of(List.of("x-40"))).get(0), "seq 40 is taken");
            plugins.writeAll("entity-1", 41, 41);
        }
    }
}
