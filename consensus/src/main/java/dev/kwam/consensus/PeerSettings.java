package dev.kwam.consensus;

import dev.kwam.actors.pki.MutualTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one peer of the group needs to start: who it is, the voters, where its log and snapshots live, and
 * the timings. {@code electionMin..electionMax} is Raft's randomized election timeout; {@code snapshotEvery}
 * is how many applied entries trigger a snapshot (after which the log before it is purged);
 * {@code snapshotOnStop} takes one at a clean stop, so a restart need not replay the log.
 */
public record PeerSettings(Voter self, Voters voters, Path storage,
                           Duration electionMin, Duration electionMax, long snapshotEvery, boolean snapshotOnStop,
                           Optional<MutualTls> tls) {

    /**
     * A second is long enough that two shared cores under GC do not depose a healthy leader, short enough
     * that a dead one is replaced in about two seconds.
     */
    public static final Duration ELECTION_MIN = Duration.ofMillis(1_000);
    public static final Duration ELECTION_MAX = Duration.ofMillis(2_000);
    /** A spent token is ~100 bytes in a snapshot: 10,000 entries of log replay is well under a second. */
    public static final long SNAPSHOT_EVERY = 10_000;

    public PeerSettings {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(voters, "voters");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(tls, "tls");
        Voter listed = voters.named(self.name()).orElseThrow(() -> new IllegalArgumentException(
                "peer " + self + " is not among the voters " + voters.members()
                        + "; list it with --voter " + self + " (non-voters reach the group as clients)"));
        if (!listed.equals(self)) {
            throw new IllegalArgumentException("peer " + self + " is listed as a voter at " + listed.address()
                    + "; give it the same address in both places");
        }
        if (electionMin.isNegative() || electionMin.isZero() || electionMax.compareTo(electionMin) <= 0) {
            throw new IllegalArgumentException("election timeout needs 0 < min < max, got " + electionMin + ".." + electionMax);
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be at least 1, got " + snapshotEvery);
        }
    }

    /** The default timings; {@code voters} empty means this peer alone. */
    public static PeerSettings of(Voter self, Voters voters, Path storage) {
        return new PeerSettings(self, voters, storage, ELECTION_MIN, ELECTION_MAX, SNAPSHOT_EVERY, true, Optional.empty());
    }

    public PeerSettings withSnapshotEvery(long entries) {
        return new PeerSettings(self, voters, storage, electionMin, electionMax, entries, snapshotOnStop, tls);
    }

    /** Without a snapshot at stop a restart recovers as after a crash: the last snapshot, then the log after it. */
    public PeerSettings withSnapshotOnStop(boolean take) {
        return new PeerSettings(self, voters, storage, electionMin, electionMax, snapshotEvery, take, tls);
    }

    /**
     * Peers and clients speak mutual TLS with {@code tls}'s certificate and root, as on every other KWAM
     * transport: only holders of a certificate of the fleet's CA reach the log. Without it, plain gRPC (tests).
     */
    public PeerSettings withTls(MutualTls tls) {
        return new PeerSettings(self, voters, storage, electionMin, electionMax, snapshotEvery, snapshotOnStop, Optional.of(tls));
    }
}
