package dev.kwam.node.dataplane;

import dev.kwam.codec.Cid;
import dev.kwam.node.store.StoreError;
import dev.kwam.node.store.StoreException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the data plane's PUT routes share: a body read whole, under a size cap (413 with a JSON
 * body beyond it, whether the client declared its length or not), and the mapping of store
 * failures to statuses — 422 for bytes that are not what they claim, 507 for a full disk or the
 * free-space reserve, 503 for a closed store, 500 for any other I/O failure.
 */
final class Bodies {
    private static final Logger LOG = LoggerFactory.getLogger(Bodies.class);
    private static final AllDirectives D = new AllDirectives() { };

    private Bodies() {
    }

    static Route strict(long maxBytes, Duration timeout, String cidText, Function<byte[], Route> inner) {
        ExceptionHandler tooLarge = ExceptionHandler.newBuilder()
                .match(EntityStreamSizeException.class, e -> D.complete(ChunkRoutes.error(413,
                        "the body exceeds the " + maxBytes + "-byte limit", cidText)))
                .build();
        return D.handleExceptions(tooLarge, () -> D.withSizeLimit(maxBytes,
                // toStrict gets one byte of slack so that the size limit, not toStrict's own check (a 400), refuses an oversized body.
                () -> D.extractStrictEntity(timeout, maxBytes + 1, strict -> inner.apply(strict.getData().toArray()))));
    }

    static HttpResponse storeFailed(String what, Cid cid, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StoreException se) {
            StoreError.Code code = se.code();
            if (code == StoreError.Code.FRAGMENT_MISMATCH) {
                return ChunkRoutes.error(422, se.error().why(), cid.toString());
            }
            if (code == StoreError.Code.DISK_FULL || code == StoreError.Code.RESERVE_REACHED) {
                LOG.warn("{}{}: refused, no room: {}", what, cid, se.error().describe());
                return ChunkRoutes.error(507, se.error().why(), cid.toString());
            }
            LOG.error("{}{}: the store could not write: {}", what, cid, se.error().describe(), se);
            return ChunkRoutes.error(500, se.error().why(), cid.toString());
        }
        if (cause instanceof IllegalStateException closed) {
            return ChunkRoutes.error(503, closed.getMessage(), cid.toString());
        }
        LOG.error("{}{}: the store could not write", what, cid, cause);
        return ChunkRoutes.error(500, "the store could not write: " + cause, cid.toString());
    }
}
