package dev.kwam.dsl.syntax;

import java.util.Arrays;
import java.util.Optional;

/** The duration suffixes: milliseconds to days. No months or years: their length is not a constant. */
public enum DurationUnit {
    MILLISECONDS("ms", 1L),
    SECONDS("s", 1_000L),
    MINUTES("m", 60_000L),
    HOURS("h", 3_600_000L),
    DAYS("d", 86_400_000L);

    private final String suffix;
    private final long millis;

    DurationUnit(String suffix, long millis) {
        this.suffix = suffix;
        this.millis = millis;
    }

    String suffix() {
        return suffix;
    }

    public long millis() {
        return millis;
    }

    public static Optional<DurationUnit> fromSuffix(String s) {
        return Arrays.stream(values()).filter(u -> u.suffix.equals(s)).findFirst();
    }
}
