package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The repair rate: restored bytes over the wall time repairs ran, overlaps counted once, over recent activity only. */
class RepairRateMeterTest {
    private static final long S = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Cid A = Cid.of(new byte[] {1});
    private static final Cid B = Cid.of(new byte[] {2});
    private static final Cid C = Cid.of(new byte[] {3});

    private static void started(RepairRateMeter m, Cid stripe, long second) {
        m.started(stripe, second * S, T0.plusSeconds(second));
    }

    private static void completed(RepairRateMeter m, Cid stripe, long second, long moved) {
        m.completed(stripe, second * S, T0.plusSeconds(second), moved);
    }

    @Test
    void nothingIsMeasuredUntilARepairCompletes() {
        RepairRateMeter m = new RepairRateMeter();
        assertEquals(Optional.empty(), m.measure());
        started(m, A, 0);
        m.written(A, 1, 1000);
        assertEquals(Optional.empty(), m.measure(), "running, not completed");
        m.abandoned(A);
        assertEquals(Optional.empty(), m.measure(), "parked or given up: restored nothing");
    }

    @Test
    void overlappingRepairsCountTheirWallTimeOnceAndARewrittenFragmentOnce() {
        RepairRateMeter m = new RepairRateMeter();
        started(m, A, 0);
        started(m, B, 2);
        m.written(A, 1, 3000);
        m.written(A, 1, 3000); // a restarted attempt wrote the same fragment again
        m.written(B, 4, 1000);
        m.written(B, 5, 2000);
        completed(m, A, 4, 9000);
        completed(m, B, 6, 7000);
        // A ran 0-4 s, B 2-6 s: 6 s of repair time, not 8; 6000 bytes restored.
        RepairThroughput r = m.measure().orElseThrow();
        assertEquals(6000, r.bytesRestored());
        assertEquals(16_000, r.bytesMoved());
        assertEquals(Duration.ofSeconds(6), r.busy());
        assertEquals(2, r.stripes());
        assertEquals(1000.0, r.bytesPerSecond());
        assertEquals(T0, r.from());
        assertEquals(T0.plusSeconds(6), r.until());
    }

    @Test
    void idleTimeBetweenRepairsIsNotRepairTime() {
        RepairRateMeter m = new RepairRateMeter();
        started(m, A, 0);
        m.written(A, 0, 500);
        completed(m, A, 1, 500);
        started(m, B, 100);
        m.written(B, 0, 1500);
        completed(m, B, 101, 1500);
        RepairThroughput r = m.measure().orElseThrow();
        assertEquals(Duration.ofSeconds(2), r.busy());
        assertEquals(1000.0, r.bytesPerSecond());
    }

    @Test
    void repairsThatEndedMoreThanTheWindowBeforeTheLatestDropOut() {
        RepairRateMeter m = new RepairRateMeter();
        started(m, A, 0);
        m.written(A, 0, 1_000_000);
        completed(m, A, 1, 0);
        long later = RepairRateMeter.WINDOW.toSeconds() + 60;
        started(m, B, later);
        m.written(B, 0, 10);
        completed(m, B, later + 10, 0);
        RepairThroughput r = m.measure().orElseThrow();
        assertEquals(1, r.stripes(), "A ended more than " + RepairRateMeter.WINDOW + " before B");
        assertEquals(1.0, r.bytesPerSecond());
        // A stripe never started is ignored, not counted.
        completed(m, C, later + 20, 99);
        assertEquals(1, m.measure().orElseThrow().stripes());
    }

    @Test
    void atMostMaxRepairsAreKept() {
        RepairRateMeter m = new RepairRateMeter();
        for (int i = 0; i < RepairRateMeter.MAX_REPAIRS + 5; i++) {
            Cid s = Cid.of(new byte[] {(byte) i, (byte) (i >> 8)});
            m.started(s, i * S / 10, T0);
            m.written(s, 0, 1);
            m.completed(s, i * S / 10 + 1, T0, 1);
        }
        assertEquals(RepairRateMeter.MAX_REPAIRS, m.measure().orElseThrow().stripes());
        assertTrue(m.measure().get().bytesPerSecond() > 0);
    }
}
