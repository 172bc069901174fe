package dev.kwam.node.dataplane;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ReadResult;
import dev.kwam.node.store.StoreException;
import java.time.Duration;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /chunk/{cid}}: a verified fragment file from this node's store, byte for byte (header
 * and payload). {@code PUT /chunk/{cid}}: stores a whole fragment file, answering 201 only once it
 * is durable (temp file, fsync, rename, directory fsync). The cid is the only input and must be
 * exactly {@code sha256:<64 lowercase hex>} before the store is asked, so no request text ever
 * becomes part of a file path; a PUT body is checked against that cid (header hash and payload
 * hash) before anything touches the disk. Other methods get pekko-http's 405.
 */
public final class ChunkRoutes extends AllDirectives {
    /** Names the content the body is, so a client can check it without re-parsing the path. */
    public static final String CID_HEADER = "X-Kwam-Cid";
    /**
     * The largest fragment file a PUT may carry: a 64 MiB payload plus its header. The codec's
     * largest chunk (FastCDC max, default 4 MiB) makes shards far smaller; the cap only bounds what
     * a peer can make this node buffer.
     */
    public static final long MAX_FRAGMENT_BYTES = FragmentHeader.BYTES + (64L << 20);
    /** How long a PUT body may take to arrive in full. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ChunkRoutes.class);

    private final FragmentStore store;
    private final Executor blockingIo;
    private final Optional<DeleteGuard> deletes;

    /** {@code blockingIo} runs the store reads and writes: they hit the disk, fsync and hash every byte. */
    public ChunkRoutes(FragmentStore store, Executor blockingIo) {
        this(store, blockingIo, Optional.empty());
    }

    /**
     * With {@code deletes}, {@code DELETE /chunk/{cid}} removes a copy once the guard accepts the request's
     * proof of placement (the JHMM's surplus and corrupt copies); without it every DELETE is refused (403).
     */
    public ChunkRoutes(FragmentStore store, Executor blockingIo, Optional<DeleteGuard> deletes) {
        this.store = store;
        this.blockingIo = blockingIo;
        this.deletes = deletes;
    }

    public Route routes() {
        // segment() then pathEnd: exactly one segment after /chunk, so extra segments never match (404).
        // HEAD explicitly: the server may run with transparent HEAD off; pekko-http drops the body of a HEAD response.
        return concat(pathPrefix("chunk", () -> path(PathMatchers.segment(), text -> concat(
                get(() -> completeWithFuture(serve(text))),
                head(() -> completeWithFuture(serve(text))),
                put(() -> Bodies.strict(MAX_FRAGMENT_BYTES, BODY_TIMEOUT, text,
                        body -> completeWithFuture(accept(text, body)))),
                delete(() -> optionalHeaderValueByName(DELETE_PROOF_HEADER,
                        proof -> completeWithFuture(remove(text, proof))))))),
                pathPrefix("quarantine", () -> path(PathMatchers.segment(), text -> post(() -> optionalHeaderValueByName(
                        QUARANTINE_REASON_HEADER, reason -> completeWithFuture(setAside(text, reason)))))));
    }

    /** The header an operator's quarantine carries its reason in (who asked, with which token). */
    static final String QUARANTINE_REASON_HEADER = "X-Kwam-Quarantine-Reason";

    /**
     * An operator's quarantine, passed on by the node that spent the consent token: 200 when the copy was set aside,
     * 404 when none was held. The grant check (scrub) has already passed; the census mark and the rebuild are the
     * asking node's business.
     */
    private CompletionStage<HttpResponse> setAside(String text, Optional<String> reason) {
        Optional<Cid> cid = Cid.tryParse(text);
        if (cid.isEmpty()) {
            return CompletableFuture.completedFuture(
                    error(400, "not a content id (expected sha256: followed by 64 lowercase hex digits)", text));
        }
        String why = reason.orElse("operator quarantine");
        return CompletableFuture.supplyAsync(() -> {
            try {
                boolean held = store.quarantine(cid.get(), why).isPresent();
                LOG.warn("POST /quarantine/{}: {} ({})", cid.get(), held ? "set aside" : "was not held", why);
                return held ? HttpResponse.create().withStatus(StatusCodes.OK)
                        : error(404, "no copy of this fragment is stored here", text);
            } catch (StoreException e) {
                throw new CompletionException(e);
            }
        }, blockingIo).exceptionally(failure -> Bodies.storeFailed("POST /quarantine/", cid.get(), failure));
    }

    /** The header a DELETE carries its proof of placement in (dev.kwam.node.heal.DeleteProof). */
    static final String DELETE_PROOF_HEADER = "X-Kwam-Placement-Proof";

    /**
     * Idempotent: 204 whether the copy was here or not. Refused (403) without a guard, or when the guard finds no
     * confirmed replacement in the census: a copy is never removed before its replacement is proven elsewhere.
     */
    private CompletionStage<HttpResponse> remove(String text, Optional<String> proof) {
        Optional<Cid> cid = Cid.tryParse(text);
        if (cid.isEmpty()) {
            return CompletableFuture.completedFuture(
                    error(400, "not a content id (expected sha256: followed by 64 lowercase hex digits)", text));
        }
        if (deletes.isEmpty()) {
            return CompletableFuture.completedFuture(error(403, "this data port does not delete fragments", text));
        }
        return deletes.get().refusal(cid.get(), proof).thenCompose(refusal -> {
            if (refusal.isPresent()) {
                LOG.warn("DELETE /chunk/{} refused: {}", cid.get(), refusal.get());
                return CompletableFuture.completedFuture(error(403, "refused: " + refusal.get(), text));
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    boolean held = store.delete(cid.get());
                    LOG.info("DELETE /chunk/{}: {} (proof: {})", cid.get(), held ? "deleted" : "was not held", proof.orElse(""));
                    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
                } catch (StoreException e) {
                    throw new CompletionException(e);
                }
            }, blockingIo);
        }).exceptionally(failure -> Bodies.storeFailed("DELETE /chunk/", cid.get(), failure));
    }

    private CompletionStage<HttpResponse> serve(String text) {
        Optional<Cid> cid = Cid.tryParse(text);
        if (cid.isEmpty()) {
            return CompletableFuture.completedFuture(
                    error(400, "not a content id (expected sha256: followed by 64 lowercase hex digits)", text));
        }
        return CompletableFuture.supplyAsync(() -> read(cid.get()), blockingIo)
                .thenApply(ChunkRoutes::respond)
                .exceptionally(failure -> failed(cid.get(), failure));
    }

    private CompletionStage<HttpResponse> accept(String text, byte[] body) {
        Optional<Cid> cid = Cid.tryParse(text);
        if (cid.isEmpty()) {
            return CompletableFuture.completedFuture(
                    error(400, "not a content id (expected sha256: followed by 64 lowercase hex digits)", text));
        }
        Fragment fragment;
        try {
            // Checked here, before the store: a body that is not the fragment its URL names never reaches the disk.
            fragment = Fragment.parseVerified(body, cid.get(), Cid.sha256());
        } catch (FragmentFormatException e) {
            return CompletableFuture.completedFuture(error(422, "the body is not the fragment " + text + ": " + e.getMessage(), text));
        }
        return CompletableFuture.supplyAsync(() -> write(fragment), blockingIo)
                .thenApply(stored -> HttpResponse.create().withStatus(StatusCodes.CREATED)
                        .addHeader(RawHeader.create(CID_HEADER, cid.get().toString())))
                .exceptionally(failure -> Bodies.storeFailed("PUT /chunk/", cid.get(), failure));
    }

    private ReadResult read(Cid cid) {
        try {
            return store.read(cid);
        } catch (StoreException e) {
            throw new CompletionException(e);
        }
    }

    private Void write(Fragment fragment) {
        try {
            store.put(fragment);
            return null;
        } catch (StoreException e) {
            throw new CompletionException(e);
        }
    }

    private static HttpResponse respond(ReadResult result) {
        if (result instanceof ReadResult.Found found) {
            return HttpResponse.create().withStatus(StatusCodes.OK)
                    .addHeader(RawHeader.create(CID_HEADER, found.cid().toString()))
                    .withEntity(ContentTypes.APPLICATION_OCTET_STREAM, found.bytes());
        }
        if (result instanceof ReadResult.Quarantined quarantined) {
            // Not served and not a server error: for the caller the fragment is simply not here any more.
            // The header lets a peer count it as corrupt (held, but bad) rather than missing.
            LOG.warn("GET /chunk/{}: the stored fragment failed verification and was moved to quarantine ({}); answered 404",
                    quarantined.cid(), quarantined.record());
            return error(404, "corrupt, quarantined", quarantined.cid().toString())
                    .addHeader(RawHeader.create(PeerClient.STATE_HEADER, PeerClient.STATE_CORRUPT));
        }
        return error(404, "not stored on this node", result.cid().toString());
    }

    private static HttpResponse failed(Cid cid, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.error("GET /chunk/{}: the store could not be read", cid, cause);
        return error(500, "the store could not be read: " + cause.getMessage(), cid.toString());
    }

    static HttpResponse error(int status, String message, String cid) {
        return HttpResponse.create().withStatus(StatusCodes.get(status))
                .withEntity(ContentTypes.APPLICATION_JSON, ErrorBody.of(message, cid));
    }
}
