package dev.kwam.node.dataplane;

import dev.kwam.codec.Cid;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether {@code DELETE /chunk/{cid}} may remove this node's copy: the request's proof of
 * placement header must name a placement the census shows confirmed on another node. Completes with the
 * reason for a refusal, or empty when the delete may go ahead.
 */
@FunctionalInterface
public interface DeleteGuard {
    CompletionStage<Optional<String>> refusal(Cid fragment, Optional<String> proofHeader);
}
