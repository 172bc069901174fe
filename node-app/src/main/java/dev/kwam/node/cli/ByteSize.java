package dev.kwam.node.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Byte sizes as operators type them: {@code 65536}, {@code 256kb}, {@code 1mb}, {@code 4MiB}.
 * Every unit is binary ({@code k}, {@code kb} and {@code kib} all mean 1024): chunk sizes are
 * powers of two, and {@code --chunk-avg 1mb} meaning 1,000,000 would be refused as not one.
 */
public final class ByteSize {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,19})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    private ByteSize() {
    }

    /** Parses a size; throws {@link IllegalArgumentException} saying which forms are accepted. */
    public static long parse(String text) {
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 65536, 256kb, 1mb, 4mib)");
        }
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException tooLong) {
            throw new IllegalArgumentException("'" + text + "' is too large", tooLong);
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return number << shift;
    }

    /** {@code 262144} → {@code 256 KiB}; exact multiples only, so the text always reads back to the same number. */
    public static String format(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes >> shifts[i]) + " " + units[i];
            }
        }
        return bytes + " B";
    }

    /** Picocli converter for options that hold an {@code int} byte count (chunk sizes). */
    static final class IntConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long bytes;
            try {
                bytes = parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            if (bytes > Integer.MAX_VALUE) {
                throw new CommandLine.TypeConversionException("'" + value + "' is too large (at most "
                        + format(Integer.MAX_VALUE + 1L) + " minus one byte)");
            }
            return (int) bytes;
        }
    }
}
