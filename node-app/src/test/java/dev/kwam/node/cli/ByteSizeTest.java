package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "65536, 65536",
        "17b, 17",
        "256kb, 262144",
        "256k, 262144",
        "256KiB, 262144",
        "1mb, 1048576",
        "1 MB, 1048576",
        "4mib, 4194304",
        "2g, 2147483648",
        "3GiB, 3221225472"})
    void unitsAreBinary(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mb", "-1", "1.5mb", "1tb", "1 m b", "0x10", "99999999999999999999"})
    void refusesWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void refusesSizesThatOverflowALong() {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9007199254740992gb"));
        assertEquals(8589934591L << 30, ByteSize.parse("8589934591gb"));
    }

    @Test
    void intConverterRefusesSizesAboveIntRange() {
        ByteSize.IntConverter converter = new ByteSize.IntConverter();
        assertEquals(4 << 20, converter.convert("4mib"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("2gb"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("lots"));
    }

    @Test
    void formatsExactMultiplesWithTheLargestUnit() {
        assertEquals("256 KiB", ByteSize.format(262144));
        assertEquals("1 MiB", ByteSize.format(1 << 20));
        assertEquals("1025 KiB", ByteSize.format(1025 << 10));
        assertEquals("1000 B", ByteSize.format(1000));
        assertEquals("0 B", ByteSize.format(0));
    }
}
