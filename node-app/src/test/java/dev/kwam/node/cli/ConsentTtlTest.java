package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --ttl: units combine, zero and over thirty days are usage errors, and durations print back the same way. */
class ConsentTtlTest {

    @Test
    void unitsCombine() throws CliException {
        assertEquals(Duration.ofSeconds(90), ConsentTtl.parse("90s"));
        assertEquals(Duration.ofMinutes(15), ConsentTtl.parse("15m"));
        assertEquals(Duration.ofMinutes(90), ConsentTtl.parse("1h30m"));
        assertEquals(Duration.ofDays(30), ConsentTtl.parse("30d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "h", "1H", "1w", "0s", "-1h", "1.5h", "31d", "30d1s", "1h 30m"})
    void everythingElseIsAUsageError(String text) {
        CliException e = assertThrows(CliException.class, () -> ConsentTtl.parse(text));
        assertEquals(ExitCodes.USAGE_OR_IO, e.error().exitCode());
    }

    @Test
    void formatsForPeople() {
        assertEquals("1h", ConsentTtl.format(Duration.ofHours(1)));
        assertEquals("59m58s", ConsentTtl.format(Duration.ofSeconds(3598)));
        assertEquals("1h30m", ConsentTtl.format(Duration.ofMinutes(90)));
        assertEquals("2d3h", ConsentTtl.format(Duration.ofHours(51).plusMinutes(7)));
        assertEquals("0s", ConsentTtl.format(Duration.ZERO));
    }
}
