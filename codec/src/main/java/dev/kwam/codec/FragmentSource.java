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
    Optional<byte[]> fetch(Cid fragmentCid) throws IOException;
}
