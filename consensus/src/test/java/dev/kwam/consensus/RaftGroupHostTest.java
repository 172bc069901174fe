package dev.kwam.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.journal.JournalStateMachine;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's life cycle as node-app's composition root sees it (the state it keeps is tested elsewhere). */
class RaftGroupHostTest {
    @TempDir
    Path storage;

    @Test
    void stoppingReleasesThePortAndIsSafeTwice() throws Exception {
        RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
        RaftGroupHost host = group.host("n1");
        assertEquals("consensus", host.name());
        assertEquals("before-actor-system-terminate", host.stopPhase());
        assertEquals(Done.getInstance(), host.stop().toCompletableFuture().get(30, TimeUnit.SECONDS));
        group.stopAll();
        int port = group.voters().members().get(0).port();
        try (ServerSocket rebind = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, rebind.getLocalPort());
        }
    }

    @Test
    void aPeerWhosePortIsTakenRefusesToStartSayingWhereAndHowToFix() throws Exception {
        int port = LoopbackPorts.take(1).get(0);
        Voter self = new Voter("n1", "127.0.0.1", port);
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            ConsensusException refused = assertThrows(ConsensusException.class, () -> RaftGroupHost.start(
                    PeerSettings.of(self, Voters.parse(List.of(), self), storage.resolve("n1")), new JournalStateMachine()));

            assertEquals("consensus.start", refused.error().code());
            assertTrue(refused.where().orElseThrow().contains("127.0.0.1:" + port), refused.where().toString());
            assertTrue(refused.fix().contains("port is free"), refused.fix());
        }
    }
}
