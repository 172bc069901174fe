package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --bandwidth RATE}: a size per second with binary units, or unlimited. */
class RepairRateTest {

    @ParameterizedTest
    @CsvSource({
        "50MiB/s, 52428800",
        "200MB/s, 209715200",
        "1gb/s, 1073741824",
        "512kb/s, 524288",
        "52428800, 52428800",
        "52428800/s, 52428800",
        "8 mb/S, 8388608"})
    void sizesPerSecondAreBinaryLikeThePolicysBandwidth(String text, long bytes) {
        RepairRate rate = RepairRate.parse(text);
        assertEquals(bytes, rate.bytesPerSecond());
        assertEquals(false, rate.unlimited());
    }

    @Test
    void unlimitedLiftsTheCap() {
        assertTrue(RepairRate.parse("Unlimited").unlimited());
        assertEquals("unlimited bandwidth", RepairRate.describe(0));
        assertEquals("50 MiB/s (52428800 B/s)", RepairRate.describe(50L << 20));
        assertEquals("1000 B/s", RepairRate.describe(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0mb/s", "fast", "50MiB/h", "", "-1", "99999999999999999999gb/s", "50 MiB per second"})
    void anythingElseIsRefusedWithExamples(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RepairRate.parse(text));
        assertTrue(e.getMessage().contains("50MiB/s"), e.getMessage());
    }
}
