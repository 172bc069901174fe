package dev.kwam.node.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * A repair bandwidth as operators type it: a size per second ({@code 50MiB/s}, {@code 200MB/s}, {@code 1gb/s},
 * {@code 52428800}) or {@code unlimited}. Sizes are {@link ByteSize}s, so every unit is binary, as in the policy
 * language's {@code bandwidth}: {@code 200MB/s} is 200 MiB per second. The {@code /s} may be left out.
 *
 * @param bytesPerSecond the cap; 0 only when {@code unlimited}
 */
record RepairRate(boolean unlimited, long bytesPerSecond) {
    static final String UNLIMITED = "unlimited";

    /** Parses a rate; throws {@link IllegalArgumentException} saying what is accepted. */
    static RepairRate parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(UNLIMITED)) {
            return new RepairRate(true, 0);
        }
        String size = t.endsWith("/s") ? t.substring(0, t.length() - 2) : t;
        long bytes;
        try {
            bytes = ByteSize.parse(size);
        } catch (IllegalArgumentException e) {
            // ByteSize's own examples are sizes, not rates: only its "too large" is worth passing on.
            String detail = e.getMessage().contains("too large") ? " (too large)" : "";
            throw new IllegalArgumentException("'" + text + "' is not a bandwidth" + detail + "; give a size per second such as "
                    + "50MiB/s, 200MB/s, 1gb/s or 52428800 (units are binary: 1MB = 1 MiB), or unlimited", e);
        }
        if (bytes == 0) {
            throw new IllegalArgumentException("'" + text + "' would stop repair altogether; give a positive rate such as "
                    + "50MiB/s, or 'unlimited' to lift the cap");
        }
        return new RepairRate(false, bytes);
    }

    /** {@code 50 MiB/s (52428800 B/s)}, or {@code unlimited bandwidth} for 0. */
    static String describe(long bytesPerSecond) {
        if (bytesPerSecond == 0) {
            return "unlimited bandwidth";
        }
        String exact = ByteSize.format(bytesPerSecond);
        return exact.endsWith(" B") ? bytesPerSecond + " B/s" : exact + "/s (" + bytesPerSecond + " B/s)";
    }

    static final class Converter implements CommandLine.ITypeConverter<RepairRate> {
        @Override
        public RepairRate convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
