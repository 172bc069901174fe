package dev.kwam.codec;

import java.io.IOException;
import java.util.Optional;

/**
 * Where recover and verify read fragment files from. Returns the whole fragment file (header and
 * payload) exactly as stored, or empty when this source does not hold it; the SDK hash-checks
 * every byte itself, so a source never needs to be trusted. Called concurrently: must be thread-safe.
 */
@FunctionalInterface
public interface FragmentSource {
    /**
     * @throws IOException when the fragment cannot be read; an exception that also implements
     *         {@link CorruptAtSource} says the source held the bytes but they failed its own check, and
     *         is reported as {@link FragmentState#CORRUPT} rather than missing
     */
    Optional<byte[]> fetch(Cid fragmentCid) throws IOException;

    /** Marks a fetch failure meaning "held, but corrupt" (a store that verified and quarantined it). */
    interface CorruptAtSource {
    }
}
