package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import java.util.concurrent.CompletionStage;

/**
 * Writes rebuilt fragments to their new nodes and removes copies that are no longer wanted (node-app:
 * the data plane's PUT and DELETE). Writes are content-addressed, so writing a fragment twice to one
 * node is harmless; that is what lets a restarted repair simply write again.
 */
public interface FragmentWriter {
    /** Completes once {@code node} holds the fragment durably (temp file, fsync, rename). */
    CompletionStage<Void> write(String node, Fragment fragment);

    /**
     * Deletes {@code fragment} from {@code node}: a corrupt copy or a surplus one. Only callable with the
     * census's confirmation that the replacement is in place (proof of placement); nothing else in the
     * JHMM can make a {@link PlacementProof}.
     */
    CompletionStage<Void> delete(PlacementProof proof, String node, Cid fragment);
}
