package dev.kwam.consensus.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.MustAgreeCluster;
import dev.kwam.consensus.RaftTestGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clusters on one Raft group stand for the two sides of a partition, each with its own incarnation of the
 * roster. One side revokes a signer; the other side's incarnation, still in memory, is behind the journal and
 * its answer is refused as stale rather than handed to a consent check that would still count the revoked key.
 */
class StaleRosterTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path storage;

    private static <T> T await(CompletionStage<T> reply) throws ConsensusException {
        return ConsensusClient.await(reply);
    }

    private static TrustRoots.NewSigner signer(String id) {
        return new TrustRoots.NewSigner(id, "acme", id, "ed25519:" + "ab".repeat(32), List.of("deploy"));
    }

    @Test
    void aStaleIncarnationsRosterIsRefusedNotUsed() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
             MustAgreeCluster left = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT);
             MustAgreeCluster right = new MustAgreeCluster(1, group.voters(), CLIENT_TIMEOUT)) {
            assertInstanceOf(TrustRoots.Seeded.class, await(left.node(0).seedTrust(List.of(signer("k1"), signer("k2")), "genesis")));
            TrustRoots.Roster before = await(right.node(0).trustRoots());
            assertEquals(2, before.signers().size(), "the right side's incarnation recovered the seed");
            assertInstanceOf(TrustRoots.Changed.class, await(left.node(0).revokeSigner("k2", "tok-rev")));
            ConsensusException stale = org.junit.jupiter.api.Assertions.assertThrows(ConsensusException.class,
                    () -> await(right.node(0).trustRoots()));
            assertEquals("consensus.stale", stale.error().code(), stale.why());
            TrustRoots.Roster current = await(left.node(0).trustRoots());
            assertEquals(List.of(false, true), current.signers().stream().map(TrustRoots.Signer::revoked).toList());
        }
    }
}
