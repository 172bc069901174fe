package dev.kwam.node.cli;

import dev.kwam.codec.chunk.ChunkerParams;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --chunk-min/--chunk-avg/--chunk-max}. Any left out follow the given average the way the
 * defaults do (min = avg / 4, max = avg × 4), so {@code --chunk-avg 256kb} alone is a sound choice.
 */
final class ChunkSizes {
    @Option(names = "--chunk-min", paramLabel = "SIZE", converter = ByteSize.IntConverter.class,
            description = "Smallest chunk (default: avg / 4, i.e. 256 KiB).")
    Integer min;

    @Option(names = "--chunk-avg", paramLabel = "SIZE", converter = ByteSize.IntConverter.class,
            description = "Average chunk, a power of two (default: 1 MiB). Sizes: 65536, 256kb, 1mb, 4mib.")
    Integer avg;

    @Option(names = "--chunk-max", paramLabel = "SIZE", converter = ByteSize.IntConverter.class,
            description = "Largest chunk, at most 64 MiB (default: avg x 4, i.e. 4 MiB).")
    Integer max;

    ChunkerParams resolve(CommandLine commandLine) {
        int a = avg != null ? avg : ChunkerParams.DEFAULT.avg();
        int lo = min != null ? min : Math.max(a / 4, ChunkerParams.MIN_LOWER_BOUND);
        long hi = max != null ? max : Math.min(4L * a, ChunkerParams.MAX_UPPER_BOUND);
        try {
            return new ChunkerParams(lo, a, (int) hi);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "chunk sizes refused: " + e.getMessage());
        }
    }
}
