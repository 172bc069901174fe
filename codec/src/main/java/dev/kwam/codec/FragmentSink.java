package dev.kwam.codec;

import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;

/**
 * Where protect sends fragments: a directory, a node's chunk store, a network peer. Called
 * concurrently from the codec's worker threads, so implementations must be thread-safe. A
 * fragment counts as stored only when {@code put} returns; protect fails if any {@code put} throws.
 */
@FunctionalInterface
public interface FragmentSink {
    void put(Fragment fragment) throws IOException;
}
