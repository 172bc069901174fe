package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads a fragment file from the node that holds it (node-app: {@code GET /chunk/{cid}} on the data
 * plane). Untrusted: the repair hash-checks every byte against the manifest itself. Must not block the
 * caller; a repair gives up on a fetch after its own timeout and tries another source.
 */
@FunctionalInterface
public interface FragmentFetcher {
    /**
     * The whole fragment file as {@code node} stores it, or empty when the node does not have it. Completes
     * exceptionally when the node cannot be asked; an exception that also implements
     * {@link dev.kwam.codec.FragmentSource.CorruptAtSource} means the node holds it but found it corrupt.
     */
    CompletionStage<Optional<byte[]>> fetch(String node, Cid fragment);
}
