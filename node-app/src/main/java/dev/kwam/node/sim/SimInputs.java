package dev.kwam.node.sim;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code kwam sim} runs on and where each input came from (the policy's strictest guard, or the flags).
 *
 * @param level  the fault-domain level the simulation models above the node, e.g. {@code rack}
 * @param source where the inputs came from, in words, for the output
 * @param target the guard the fleet is held to; empty without {@code --policy}
 */
public record SimInputs(CodecSpec codec, Duration nodeMtbf, Duration mttr, String level, Duration domainMtbf, Duration recovery,
        String source, Optional<Target> target) {

    /** The guard the simulated fleet is held to. */
    public record Target(String guard, int nines, int guardsOwnNines, String replicate) {
    }

    /** {@code 1} for 1.0, {@code 0.5} for 0.5. */
    public static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Whole hours as {@code 35000 h}, others with two decimals. */
    public static String hours(Duration d) {
        double h = d.toMillis() / 3_600_000.0;
        return h == Math.rint(h) ? String.format(Locale.ROOT, "%.0f h", h) : String.format(Locale.ROOT, "%.2f h", h);
    }
}
