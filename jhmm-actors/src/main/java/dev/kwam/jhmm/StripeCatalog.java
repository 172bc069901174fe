package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Finds the stripes a detection touches, with the manifests that promise their fragment cids (node-app:
 * the census's objects and the manifests their holders keep). The census protocol names where fragments
 * are, not which stripes a node held, so this is the JHMM's one question that needs more than the census.
 */
public interface StripeCatalog {
    /** Every stripe with a fragment on {@code node} according to the census. */
    CompletionStage<List<StripeRef>> stripesOn(String node);

    /** The stripe named {@code stripe} (its chunk cid), when some known manifest has it. */
    CompletionStage<Optional<StripeRef>> stripe(Cid stripe);
}
