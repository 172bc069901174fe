package dev.kwam.node.config;

import com.typesafe.config.Config;
import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.List;

/**
 * The clustered write and read paths' settings ({@code kwam.node.protect}, {@code kwam.node.placement},
 * {@code kwam.node.peer}, {@code kwam.node.census}); docs/operators.md lists them with their defaults.
 *
 * @param codec              the code a protect uses when the request names none
 * @param writeQuorumExtra   fragments per stripe beyond k+1 that must be durable before a protect is acknowledged
 * @param streamReadTimeout  how long a protect waits for the caller's next bytes before failing
 * @param antiAffinity       fault-domain levels to spread over, smallest first; empty derives them from the node directory
 * @param peerConnectTimeout how long a node-to-node connection may take: a dead peer costs at most this
 * @param peerRequestTimeout how long one fragment or manifest transfer may take in all
 * @param censusTimeout      how long a census question or write may take
 */
public record DataPathSettings(CodecSpec codec, int writeQuorumExtra, Duration streamReadTimeout, List<String> antiAffinity,
        Duration peerConnectTimeout, Duration peerRequestTimeout, Duration censusTimeout) {
    public DataPathSettings {
        antiAffinity = List.copyOf(antiAffinity);
    }

    public static DataPathSettings defaults() {
        return new DataPathSettings(new CodecSpec.ReedSolomonSpec(10, 4), 0, Duration.ofSeconds(60), List.of(),
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** Reads the settings from {@code node}, the {@code kwam.node} section; throws IllegalArgumentException naming a bad key. */
    static DataPathSettings from(Config node) {
        CodecSpec codec;
        try {
            codec = CodecSpec.parse(node.getString("protect.codec"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("kwam.node.protect.codec: " + e.getMessage() + " (e.g. \"rs(10,4)\" or \"lrc(12,2,2)\")");
        }
        int extra = node.getInt("protect.write-quorum-extra");
        if (extra < 0 || extra > codec.parityCount() - 1) {
            throw new IllegalArgumentException("kwam.node.protect.write-quorum-extra must be within 0.." + (codec.parityCount() - 1)
                    + " for " + codec + " (k+1+extra fragments of k+m), got " + extra);
        }
        return new DataPathSettings(codec, extra, positive(node, "protect.stream-read-timeout"),
                node.getStringList("placement.anti-affinity"), positive(node, "peer.connect-timeout"),
                positive(node, "peer.request-timeout"), positive(node, "census.timeout"));
    }

    private static Duration positive(Config c, String key) {
        Duration d = c.getDuration(key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("kwam.node." + key + " must be positive, got " + d);
        }
        return d;
    }
}
