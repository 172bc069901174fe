package dev.kwam.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CodecSpecTest {
    @Test
    void parsesTheTextFormsAndPrintsThemBack() {
        assertEquals(new CodecSpec.ReedSolomonSpec(10, 4), CodecSpec.parse("rs(10,4)"));
        assertEquals(new CodecSpec.LrcSpec(12, 2, 2), CodecSpec.parse(" LRC(12, 2, 2) "));
        assertEquals("lrc(12,2,2)", CodecSpec.parse("lrc(12,2,2)").toString());
        assertEquals(16, CodecSpec.parse("lrc(12,2,2)").totalCount());
        assertEquals(3, CodecSpec.parse("lrc(12,2,2)").guaranteedTolerance());
    }

    @Test
    void refusesGeometriesTheFieldCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> CodecSpec.parse("rs(250,7)"));
        assertThrows(IllegalArgumentException.class, () -> CodecSpec.parse("rs(0,4)"));
        assertThrows(IllegalArgumentException.class, () -> CodecSpec.parse("lrc(7,2,2)"));
        assertThrows(IllegalArgumentException.class, () -> CodecSpec.parse("rs(10,4,1)"));
        assertThrows(IllegalArgumentException.class, () -> CodecSpec.parse("raid6"));
        assertEquals(256, CodecSpec.parse("rs(250,6)").totalCount());
    }
}
