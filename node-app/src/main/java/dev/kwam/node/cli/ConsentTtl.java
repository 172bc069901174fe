package dev.kwam.node.cli;

import dev.kwam.dsl.consent.TokenBody;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --ttl}: whole seconds, minutes, hours and days, combinable ({@code 90s}, {@code 1h30m}, {@code 2d}). */
final class ConsentTtl {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]{1,7}[smhd])+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,7})([smhd])");

    private ConsentTtl() {
    }

    static Duration parse(String text) throws CliException {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw invalid(text, "expected a number and a unit: s, m, h or d (e.g. 15m, 1h, 1h30m, 2d)");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        if (total.isZero()) {
            throw invalid(text, "a token must be valid for at least one second");
        }
        if (total.compareTo(TokenBody.MAX_LIFETIME) > 0) {
            throw invalid(text, "longer than " + TokenBody.MAX_LIFETIME.toDays() + " days, the longest a consent "
                    + "token may live; consent is for an action about to happen");
        }
        return total;
    }

    /** {@code 1h30m}-style text for a duration, for people. */
    static String format(Duration d) {
        long s = d.abs().toSeconds();
        StringBuilder out = new StringBuilder();
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0 && days == 0) {
            out.append(minutes).append('m');
        }
        if ((seconds > 0 && days == 0 && hours == 0) || out.length() == 0) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }

    private static CliException invalid(String text, String why) {
        return new CliException(CliError.usage("invalid --ttl '" + text + "'", null, why, "for example --ttl 1h"));
    }
}
