package dev.kwam.dsl.policy;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A {@code replicate} block. {@code factor} is in [2, maxFactor]; {@code max_factor} defaults to
 * {@link #DEFAULT_MAX_FACTOR}. Without a {@code codec} block the stripe is {@code factor} full copies,
 * modelled as {@code rs(1, factor-1)} — which is exactly what copies are. The chunker defaults to the
 * tour's fastcdc 256kb/1mb/4mb; repair to 4 concurrent stripes, daily scrub, no delay.
 */
public record ReplicateBlock(String name, int factor, int maxFactor, List<String> antiAffinity, CodecSpec codec,
                                Chunker chunker, Repair repair) {

    /** More full copies than this is a typo or a cost accident; an operator who means it says so with max_factor. */
    public static final int DEFAULT_MAX_FACTOR = 8;

    public ReplicateBlock {
        antiAffinity = List.copyOf(antiAffinity);
    }

    public record Chunker(String algorithm, long minBytes, long avgBytes, long maxBytes) {
        public static final Chunker DEFAULT = new Chunker("fastcdc", 256L << 10, 1L << 20, 4L << 20);
    }

    /**
     * The JHMM's tunables.
     *
     * @param delay how long a node may be missing (counted from its removal from the cluster) before the fragments
     *              it held are rebuilt. Default 0: repair at once, which is what keeps a {@code kill -9} repaired
     *              within 30 s. A delay is an operator's opt-in for planned reboots: a node back within it finds
     *              its fragments still its own instead of causing a repair storm. Stripes with no fragment left
     *              to spare are repaired at once regardless (docs/jhmm.md, "Repair delay").
     */
    public record Repair(int maxConcurrent, OptionalLong bandwidthBytesPerSecond, Duration scrubInterval, Duration delay) {
        public static final Repair DEFAULT = new Repair(4, OptionalLong.empty(), Duration.ofHours(24), Duration.ZERO);
    }
}
