package dev.kwam.dsl.syntax;

import java.util.Arrays;
import java.util.Optional;

/**
 * The size suffixes, all binary ({@code kb} = 1024 bytes) like the CLI's {@code ByteSize}: chunk
 * sizes are powers of two, and {@code 1mb} meaning 1,000,000 would not be one. There is one spelling
 * per unit ({@code kib} is not accepted) so that every size reads one way.
 */
public enum SizeUnit {
    BYTES("b", 0),
    KB("kb", 10),
    MB("mb", 20),
    GB("gb", 30),
    TB("tb", 40);

    private final String suffix;
    private final int shift;

    SizeUnit(String suffix, int shift) {
        this.suffix = suffix;
        this.shift = shift;
    }

    String suffix() {
        return suffix;
    }

    public int shift() {
        return shift;
    }

    public static Optional<SizeUnit> fromSuffix(String s) {
        return Arrays.stream(values()).filter(u -> u.suffix.equals(s)).findFirst();
    }
}
