package dev.kwam.multijvm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Plain-HTTP probes of a node's metrics port (/ready, /members) and polling with a deadline. */
final class Probes {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private Probes() {
    }

    /**
     * A loopback port free now, below Linux's ephemeral range (32768-60999), never handed out twice in this JVM. A
     * port the kernel picks (bind to 0) comes from that range, and between the pick and the node's bind any outbound
     * connection may take it: CI saw a node's Raft port taken so ("Failed to start Grpc server").
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // someone else's: try another
            }
        }
        throw new IOException("no free loopback port in 20000-31999 after 200 tries");
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The HTTP status, or -1 while nothing listens yet. */
    static int status(NodeProcess node, String path) {
        try {
            return HTTP.send(request(node, path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String body(NodeProcess node, String path) {
        try {
            return HTTP.send(request(node, path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " on " + node.name + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(NodeProcess node, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** Polls until {@code condition} holds; fails with every node's log tail if the deadline passed. */
    static void await(Duration timeout, String what, Fleet fleet, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what + fleet.logs());
            }
            Thread.sleep(200);
        }
    }
}
