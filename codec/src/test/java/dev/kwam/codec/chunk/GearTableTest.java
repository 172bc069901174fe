package dev.kwam.codec.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.codec.Cid;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The gear table decides every chunk boundary ever stored; these values must never change. */
class GearTableTest {

    @Test
    void seedIsKwamGearInAscii() {
        assertEquals("KWAMGEAR", new String(ByteBuffer.allocate(8).putLong(GearTable.SEED).array(),
                java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void tableFingerprintIsFrozen() {
        ByteBuffer bytes = ByteBuffer.allocate(256 * Long.BYTES);
        for (long g : GearTable.GEAR) {
            bytes.putLong(g);
        }
        assertEquals(FROZEN_FINGERPRINT, Cid.of(bytes.array()).toString());
    }

    @Test
    void entriesAreDistinct() {
        assertEquals(256, Arrays.stream(GearTable.GEAR).distinct().count());
    }

    @Test
    void isSplitMix64FromTheSeed() {
        // SplitMix64's first output from seed 0 is a published reference value.
        assertEquals(0xE220A8397B1DCDAFL, GearTable.generate(0L)[0]);
    }

    private static final String FROZEN_FINGERPRINT = "sha256:702267939f64bf84d9de81a4657adce00b2c7963fe7b8be5010d7da5b31bb6d3";
}
