package dev.kwam.codec.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkerParamsTest {

    @Test
    void defaultIs256KiB1MiB4MiB() {
        assertEquals(new ChunkerParams(262_144, 1_048_576, 4_194_304), ChunkerParams.DEFAULT);
        assertEquals(20, ChunkerParams.DEFAULT.averageBits());
    }

    @Test
    void masksTestTwoBitsMoreBeforeAvgAndTwoFewerAfter() {
        ChunkerParams p = new ChunkerParams(8 << 10, 32 << 10, 128 << 10);
        assertEquals(17, Long.bitCount(p.strictMask()));
        assertEquals(13, Long.bitCount(p.looseMask()));
        assertTrue(p.strictMask() < 0 && p.looseMask() < 0, "masks test the top bits of the hash");
    }

    @Test
    void allowsEqualSizes() {
        ChunkerParams p = new ChunkerParams(64, 64, 64);
        assertEquals(64, p.max());
    }

    @Test
    void refusesMinBelow64Bytes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(63, 1024, 4096));
        assertTrue(e.getMessage().contains("min must be at least 64 bytes, got 63"), e.getMessage());
    }

    @Test
    void refusesAvgBelowMin() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(2048, 1024, 4096));
        assertTrue(e.getMessage().contains("avg (1024) must not be below min (2048)"), e.getMessage());
    }

    @Test
    void refusesMaxBelowAvg() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(256, 1024, 512));
        assertTrue(e.getMessage().contains("max (512) must not be below avg (1024)"), e.getMessage());
    }

    @Test
    void refusesMaxAbove64MiB() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ChunkerParams(1 << 20, 1 << 22, (64 << 20) + 1));
        assertTrue(e.getMessage().contains("max must be at most 67108864 bytes (64 MiB)"), e.getMessage());
    }

    @Test
    void refusesAvgThatIsNotAPowerOfTwo() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(256, 1000, 4096));
        assertTrue(e.getMessage().contains("avg must be a power of two, got 1000 (nearest: 512 or 1024)"),
                e.getMessage());
    }
}
