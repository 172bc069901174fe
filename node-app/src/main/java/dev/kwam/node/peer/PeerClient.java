package dev.kwam.node.peer;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Node-to-node transfers over the data port's mutual TLS: fragments and manifests, put and got.
 * Every call blocks its thread, so callers run it on {@code kwam.blocking-io-dispatcher} (the write
 * path's sink and the read path's source already run there), never on an actor's dispatcher.
 *
 * <p>Bounded in time and size: the connect timeout makes a dead node (connection refused, or no
 * answer at all) cost seconds, not minutes, so a degraded read moves on to the next holder; a reply
 * body is read up to the largest thing the peer could legitimately send and no further.
 */
public final class PeerClient {
    /** The data plane's header naming why a fragment is not served: {@value #STATE_CORRUPT} when quarantined. */
    public static final String STATE_HEADER = "X-Kwam-Fragment-State";
    public static final String STATE_CORRUPT = "corrupt";

    private final HttpClient http;
    private final Duration requestTimeout;
    private final long maxBody;

    /** What a peer said about a fragment it was asked for. */
    public sealed interface ChunkReply permits Found, NotHeld, Corrupt {
    }

    public record Found(byte[] bytes) implements ChunkReply {
    }

    public record NotHeld() implements ChunkReply {
    }

    /** The peer held it but it failed the peer's own check (it is quarantined there). */
    public record Corrupt(String reason) implements ChunkReply {
    }

    /** A transfer failed: the peer could not be reached, or it answered with {@code status} (0 when it never answered). */
    public static final class PeerException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        PeerException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public PeerClient(MutualTls tls, Duration connectTimeout, Duration requestTimeout, long maxBody) {
        this.http = HttpClient.newBuilder()
                .sslContext(tls.spiffeClientContext())
                .sslParameters(tls.parameters())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.requestTimeout = requestTimeout;
        this.maxBody = maxBody;
    }

    /** Stores {@code fragment} on the peer at {@code endpoint} ({@code host:port}); returns once it is durable there. */
    public void putChunk(String endpoint, Fragment fragment) throws IOException {
        put(endpoint, "/chunk/" + fragment.cid(), fragment.toBytes());
    }

    public ChunkReply getChunk(String endpoint, Cid cid) throws IOException {
        HttpResponse<InputStream> response = send(endpoint, request(endpoint, "/chunk/" + cid).GET().build());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
                return new Found(readCapped(body, endpoint));
            }
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            if (status == 422 || (status == 404 && response.headers().firstValue(STATE_HEADER).filter(STATE_CORRUPT::equals).isPresent())) {
                return new Corrupt(endpoint + " holds " + cid + " but it failed verification there and is quarantined");
            }
            if (status == 404) {
                return new NotHeld();
            }
            throw new PeerException("GET /chunk/" + cid + " on " + endpoint + " answered " + status + ": " + text, status, null);
        }
    }

    /**
     * Deletes {@code cid} on the peer, carrying the proof of placement header the peer checks against its census
     * before it deletes anything. Idempotent: a fragment the peer does not hold is deleted already.
     */
    public void deleteChunk(String endpoint, Cid cid, String proofHeader) throws IOException {
        HttpRequest request = request(endpoint, "/chunk/" + cid).DELETE().header("X-Kwam-Placement-Proof", proofHeader).build();
        HttpResponse<InputStream> response = send(endpoint, request);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            if (status != 204 && status != 200) {
                throw new PeerException("DELETE /chunk/" + cid + " on " + endpoint + " answered " + status + ": " + text, status,
                        null);
            }
        }
    }

    /**
     * Asks the peer to take its copy of {@code cid} out of service ({@code POST /quarantine/{cid}}, an operator's
     * quarantine): true when it held one and set it aside, false when it held none.
     */
    public boolean quarantineChunk(String endpoint, Cid cid, String reason) throws IOException {
        HttpRequest request = request(endpoint, "/quarantine/" + cid).POST(HttpRequest.BodyPublishers.noBody())
                .header("X-Kwam-Quarantine-Reason", reason).build();
        HttpResponse<InputStream> response = send(endpoint, request);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            if (status == 200) {
                return true;
            }
            if (status == 404) {
                return false;
            }
            throw new PeerException("POST /quarantine/" + cid + " on " + endpoint + " answered " + status + ": " + text, status, null);
        }
    }

    public void putManifest(String endpoint, Cid cid, byte[] bytes) throws IOException {
        put(endpoint, "/manifest/" + cid, bytes);
    }

    /** The manifest's bytes as the peer holds them (unverified: the caller checks cid and signature); empty when not held. */
    public Optional<byte[]> getManifest(String endpoint, Cid cid) throws IOException {
        HttpResponse<InputStream> response = send(endpoint, request(endpoint, "/manifest/" + cid).GET().build());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
                return Optional.of(readCapped(body, endpoint));
            }
            if (status == 404) {
                return Optional.empty();
            }
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            throw new PeerException("GET /manifest/" + cid + " on " + endpoint + " answered " + status + ": " + text, status, null);
        }
    }

    private void put(String endpoint, String path, byte[] bytes) throws IOException {
        HttpRequest request = request(endpoint, path).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/octet-stream").build();
        HttpResponse<InputStream> response = send(endpoint, request);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            if (status != 201 && status != 200) {
                throw new PeerException("PUT " + path + " on " + endpoint + " answered " + status + ": " + text, status, null);
            }
        }
    }

    private HttpRequest.Builder request(String endpoint, String path) {
        return HttpRequest.newBuilder(URI.create("https://" + endpoint + path)).timeout(requestTimeout);
    }

    private HttpResponse<InputStream> send(String endpoint, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while talking to " + endpoint, 0, e);
        } catch (IOException e) {
            throw new PeerException(request.method() + " " + request.uri().getPath() + " on " + endpoint + " failed: " + e, 0, e);
        }
    }

    private byte[] readCapped(InputStream body, String endpoint) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        if (bytes.length > maxBody) {
            throw new PeerException(endpoint + " sent more than " + maxBody + " bytes; refused", 0, null);
        }
        return bytes;
    }
}
