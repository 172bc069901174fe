package dev.kwam.consensus.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.persistence.SaveSnapshotSuccess;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of Pekko's SnapshotStoreSpec, restated for JUnit against a one-voter group: each test has its
 * own persistence id holding snapshots s-1..s-5 at sequence numbers 1..5, each stamped a later millisecond.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaftSnapshotStoreComplianceTest {
    private static final AtomicInteger PIDS = new AtomicInteger();
    private static final long MAX = Long.MAX_VALUE;

    @TempDir
    static Path storage;
    private PluginProbe plugins;
    private String pid;
    /** What the store stamped on s-1..s-5 (index 0 unused). */
    private final List<SnapshotMetadata> saved = new ArrayList<>();

    @BeforeAll
    void startGroup() throws Exception {
        plugins = PluginProbe.onOneVoterGroup(storage, "snapshot-compliance");
    }

    @AfterAll
    void stopGroup() throws Exception {
        plugins.close();
    }

    @BeforeEach
    void fiveSnapshots() {
        pid = "s-" + PIDS.incrementAndGet();
        saved.clear();
        saved.add(null);
        for (int i = 1; i <= 5; i++) {
            long before = System.currentTimeMillis();
            while (System.currentTimeMillis() == before) {
                Thread.onSpinWait(); // the store stamps the time: distinct milliseconds keep the time bounds sharp
            }
            saved.add(assertInstanceOf(SaveSnapshotSuccess.class, plugins.saveSnapshot(pid, i, 0, "s-" + i)).metadata());
        }
    }

    private Optional<Object> load(long maxSeq, long maxTimestamp) {
        return plugins.loadSnapshot(pid, SnapshotSelectionCriteria.create(maxSeq, maxTimestamp)).map(SelectedSnapshot::snapshot);
    }

    @Test
    void loadsNothingForAnUnknownIdOrBoundsBelowTheFirstSnapshot() {
        assertEquals(Optional.empty(), plugins.loadSnapshot("no-such-id", SnapshotSelectionCriteria.latest()));
        assertEquals(Optional.empty(), load(0, MAX));
        assertEquals(Optional.empty(), load(MAX, saved.get(1).timestamp() - 1));
    }

    @Test
    void loadsTheMostRecentSnapshotWithItsMetadata() {
        SelectedSnapshot latest = plugins.loadSnapshot(pid, SnapshotSelectionCriteria.latest()).orElseThrow();
        assertEquals("s-5", latest.snapshot());
        assertEquals(saved.get(5), latest.metadata());
    }

    @Test
    void loadsTheMostRecentSnapshotWithinSequenceAndTimeBounds() {
        assertEquals(Optional.of("s-3"), load(3, MAX));
        assertEquals(Optional.of("s-2"), load(MAX, saved.get(2).timestamp()));
        assertEquals(Optional.of("s-2"), load(3, saved.get(2).timestamp()));
        assertEquals(Optional.of("s-4"), plugins.loadSnapshot(pid, SnapshotSelectionCriteria.create(4, MAX, 3, 0)).map(SelectedSnapshot::snapshot));
    }

    @Test
    void deletesOneSnapshotNamedByItsMetadata() {
        assertInstanceOf(org.apache.pekko.persistence.DeleteSnapshotSuccess.class, plugins.deleteSnapshot(pid, 3, saved.get(3).timestamp()));
        assertEquals(Optional.of("s-2"), load(3, MAX));
        assertEquals(Optional.of("s-5"), load(MAX, MAX));
    }

    @Test
    void deletesEverySnapshotWithinBoundsAndNoOther() {
        assertInstanceOf(org.apache.pekko.persistence.DeleteSnapshotsSuccess.class,
                plugins.deleteSnapshots(pid, SnapshotSelectionCriteria.create(3, saved.get(3).timestamp())));
        assertEquals(Optional.empty(), load(3, MAX));
        assertEquals(Optional.of("s-5"), load(MAX, MAX));
    }

    @Test
    void keepsSnapshotsOutsideTheTimeBoundOfADelete() {
        plugins.deleteSnapshots(pid, SnapshotSelectionCriteria.create(3, saved.get(3).timestamp() - 1));
        assertEquals(Optional.of("s-3"), load(3, MAX), "s-3 is later than the bound: kept");
        assertEquals(Optional.empty(), load(2, MAX), "s-1 and s-2 are within it: gone");
    }

    @Test
    void aSnapshotSavedAgainAtTheSameSequenceNumberReplacesTheFirst() {
        assertInstanceOf(SaveSnapshotSuccess.class, plugins.saveSnapshot(pid, 4, 0, "s-4-modified"));
        assertEquals(Optional.of("s-4-modified"), load(4, MAX));
    }

    @Test
    void aLargeSnapshotRoundTrips() {
        String big = "x".repeat(1 << 20);
        assertInstanceOf(SaveSnapshotSuccess.class, plugins.saveSnapshot(pid, 6, 0, big));
        assertTrue(big.equals(load(MAX, MAX).orElseThrow()), "the 1 MiB snapshot comes back whole");
    }
}
