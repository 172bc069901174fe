package dev.kwam.node.dataplane;

import dev.kwam.codec.Cid;
import dev.kwam.node.store.ManifestStore;
import dev.kwam.node.store.StoreException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /manifest/{cid}} and {@code PUT /manifest/{cid}}: this node's copies of signed
 * manifests ({@link ManifestStore}). A PUT body must hash to the cid, be at most
 * {@link ManifestStore#MAX_BYTES} and verify as a signed manifest (422 otherwise, 413 when too large);
 * 201 only once it is durable. A GET re-checks the hash before serving.
 */
public final class ManifestRoutes extends AllDirectives {
    private final ManifestStore manifests;
    private final Executor blockingIo;

    public ManifestRoutes(ManifestStore manifests, Executor blockingIo) {
        this.manifests = manifests;
        this.blockingIo = blockingIo;
    }

    public Route routes() {
        return pathPrefix("manifest", () -> path(PathMatchers.segment(), text -> concat(
                get(() -> completeWithFuture(serve(text))),
                put(() -> Bodies.strict(ManifestStore.MAX_BYTES, ChunkRoutes.BODY_TIMEOUT, text,
                        body -> completeWithFuture(accept(text, body)))))));
    }

    private CompletionStage<HttpResponse> serve(String text) {
        Optional<Cid> cid = Cid.tryParse(text);
        if (cid.isEmpty()) {
            return CompletableFuture.completedFuture(notACid(text));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return manifests.get(cid.get());
            } catch (StoreException e) {
                throw new CompletionException(e);
            }
        }, blockingIo).thenApply(found -> found
                .map(bytes -> HttpResponse.create().withStatus(StatusCodes.OK)
                        .addHeader(RawHeader.create(ChunkRoutes.CID_HEADER, cid.get().toString()))
                        .withEntity(ContentTypes.APPLICATION_OCTET_STREAM, bytes))
                .orElseGet(() -> ChunkRoutes.error(404, "no such manifest on this node", text)))
                .exceptionally(failure -> Bodies.storeFailed("GET /manifest/", cid.get(), failure));
    }

    private CompletionStage<HttpResponse> accept(String text, byte[] body) {
        Optional<Cid> cid = Cid.tryParse(text);
        if (cid.isEmpty()) {
            return CompletableFuture.completedFuture(notACid(text));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                manifests.put(cid.get(), body);
                return HttpResponse.create().withStatus(StatusCodes.CREATED)
                        .addHeader(RawHeader.create(ChunkRoutes.CID_HEADER, cid.get().toString()));
            } catch (StoreException e) {
                throw new CompletionException(e);
            }
        }, blockingIo).exceptionally(failure -> Bodies.storeFailed("PUT /manifest/", cid.get(), failure));
    }

    private static HttpResponse notACid(String text) {
        return ChunkRoutes.error(400, "not a content id (expected sha256: followed by 64 lowercase hex digits)", text);
    }
}
