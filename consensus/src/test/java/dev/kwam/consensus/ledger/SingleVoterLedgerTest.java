package dev.kwam.consensus.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.LoopbackPorts;
import dev.kwam.consensus.PeerSettings;
import dev.kwam.consensus.RaftGroupHost;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import dev.kwam.consensus.ledger.LedgerReply.AlreadySpent;
import dev.kwam.consensus.ledger.LedgerReply.Spent;
import dev.kwam.consensus.ledger.LedgerReply.Unspent;
import dev.kwam.consensus.ledger.LedgerRequest.Spend;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleVoterLedgerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path storage;

    @Test
    void aTokenIsSpentOnceAndTheSecondSpendNamesTheFirstSpender() throws Exception {
        try (LedgerGroup group = LedgerGroup.start(storage, 1, 10_000, true);
             LedgerClient ledger = group.client(TIMEOUT)) {
            assertEquals(new Unspent("tok-1"), ConsensusClient.await(ledger.isSpent("tok-1")));

            var first = ConsensusClient.await(ledger.spend(new Spend("tok-1", "spiffe://kwam/alice", 1_000)));
            var second = ConsensusClient.await(ledger.spend(new Spend("tok-1", "spiffe://kwam/bob", 2_000)));

            assertEquals(new Spent("tok-1", "spiffe://kwam/alice", 1_000), first);
            assertEquals(new AlreadySpent("tok-1", "spiffe://kwam/alice", 1_000), second);
            assertEquals(new AlreadySpent("tok-1", "spiffe://kwam/alice", 1_000), ConsensusClient.await(ledger.isSpent("tok-1")));
        }
    }

    @Test
    void malformedCommandBytesAreRefusedAndChangeNothing() throws Exception {
        try (LedgerGroup group = LedgerGroup.start(storage, 1, 10_000, true);
             LedgerClient ledger = group.client(TIMEOUT);
             ConsensusClient raw = ConsensusClient.connect(group.voters(), TIMEOUT)) {
            ConsensusClient.await(ledger.spend(new Spend("kept", "alice", 1)));
            byte[] unknownFormat = {9, 1, 0, 1, 'x'};
            byte[] trailing = concat(LedgerWire.encode(new Spend("other", "mallory", 2)), new byte[] {0});
            byte[] queryAsCommand = LedgerWire.encode(new LedgerRequest.IsSpent("kept"));
            byte[] commandAsQuery = LedgerWire.encode(new Spend("other", "mallory", 2));

            ConsensusException format = assertThrows(ConsensusException.class, () -> ConsensusClient.await(raw.write(unknownFormat)));
            ConsensusException extra = assertThrows(ConsensusException.class, () -> ConsensusClient.await(raw.write(trailing)));
            ConsensusException query = assertThrows(ConsensusException.class, () -> ConsensusClient.await(raw.write(queryAsCommand)));
            ConsensusException read = assertThrows(ConsensusException.class, () -> ConsensusClient.await(raw.read(commandAsQuery)));

            assertEquals("consensus.refused", format.error().code());
            assertTrue(format.why().contains("format 9"), format.why());
            assertTrue(extra.why().contains("1 bytes follow"), extra.why());
            assertTrue(query.why().contains("IsSpent is a query"), query.why());
            assertTrue(read.why().contains("Spend is a command"), read.why());
            assertEquals(new AlreadySpent("kept", "alice", 1), ConsensusClient.await(ledger.isSpent("kept")));
            assertEquals(new Unspent("other"), ConsensusClient.await(ledger.isSpent("other")));
            assertEquals(new Spent("other", "bob", 3), ConsensusClient.await(ledger.spend(new Spend("other", "bob", 3))));
        }
    }

    @Test
    void closingReleasesThePortAndARestartInTheSameDirectoryKeepsTheLedger() throws Exception {
        LedgerGroup group = LedgerGroup.start(storage, 1, 10_000, true);
        try (LedgerClient ledger = group.client(TIMEOUT)) {
            ConsensusClient.await(ledger.spend(new Spend("tok-r", "alice", 5)));
        }
        RaftGroupHost host = group.host("n1");
        assertEquals("consensus", host.name());
        assertEquals("before-actor-system-terminate", host.stopPhase());
        assertEquals(Done.getInstance(), host.stop().toCompletableFuture().get(30, TimeUnit.SECONDS));
        group.stopAll();
        int port = group.voters().members().get(0).port();
        try (ServerSocket rebind = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, rebind.getLocalPort());
        }

        group.startAll();
        try (group; LedgerClient ledger = group.client(TIMEOUT)) {
            var again = ConsensusClient.await(ledger.spend(new Spend("tok-r", "bob", 6)));
            assertInstanceOf(AlreadySpent.class, again);
            assertEquals("alice", ((AlreadySpent) again).firstSpender());
        }
    }

    @Test
    void aPeerWhosePortIsTakenRefusesToStartSayingWhereAndHowToFix() throws Exception {
        int port = LoopbackPorts.take(1).get(0);
        Voter self = new Voter("n1", "127.0.0.1", port);
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            ConsensusException refused = assertThrows(ConsensusException.class, () -> RaftGroupHost.start(
                    PeerSettings.of(self, Voters.parse(List.of(), self), storage.resolve("n1")), new SpentLedger()));

            assertEquals("consensus.start", refused.error().code());
            assertTrue(refused.where().orElseThrow().contains("127.0.0.1:" + port), refused.where().toString());
            assertTrue(refused.fix().contains("port is free"), refused.fix());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
