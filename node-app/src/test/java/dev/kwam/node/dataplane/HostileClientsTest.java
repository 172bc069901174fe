package dev.kwam.node.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.StoreOptions;
import dev.kwam.node.testing.FreePorts;
import dev.kwam.node.up.NodeLauncher;
import dev.kwam.node.up.OpenStore;
import dev.kwam.node.up.RunningNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that misbehave on purpose against a real node's data port: oversized and too many headers,
 * an overlong URI, plain text on the TLS port, connections that never start TLS, and slow clients
 * that trickle a request. Each is refused or timed out, and a well-behaved client is served while
 * they are at it. The node runs with the shipped limits (kwam-cluster.conf); only the idle timeout is
 * shortened, so the test can watch a slow client being cut off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsTest {
    private static final String TRUST_DOMAIN = "kwam.test";
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path root;

    private CertificateAuthority ca;
    private RunningNode node;
    private NodeCertificate client;
    private HttpClient good;
    private Fragment served;

    @BeforeAll
    void start() throws Exception {
        ca = CertificateAuthority.create(TRUST_DOMAIN);
        served = fragment(new SplittableRandom(7), 20_000);
        try (FragmentStore seed = FragmentStore.open(root.resolve("data").resolve(OpenStore.DIRECTORY),
                new StoreOptions(0, 0))) {
            seed.put(served);
        }
        Path pki = root.resolve("pki-node");
        issue("node-h").write(pki);
        Map<String, Object> flags = new HashMap<>();
        flags.put("kwam.node.name", "node-h");
        flags.put("kwam.node.data", root.resolve("data").toString());
        flags.put("kwam.node.pki", pki.toString());
        flags.put("kwam.node.control-port", FreePorts.loopback());
        flags.put("kwam.node.data-port", FreePorts.loopback());
        flags.put("kwam.node.metrics-port", FreePorts.loopback());
        flags.put("kwam.node.consensus.raft-port", FreePorts.loopback());
        flags.put("kwam.node.seeds", List.of());
        flags.put("kwam.node.store.reserve", "0");
        flags.put("kwam.node.store.reserve-percent", 0);
        node = NodeLauncher.start(NodeSettings.load(ConfigFactory.parseMap(flags), Optional.empty()),
                ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
                        + "pekko.http.server.idle-timeout = " + IDLE_TIMEOUT.toSeconds() + " s"));
        client = issue("client");
        good = TlsClients.withCertificate(client, ca.certificate());
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (node != null) {
            node.shutdown();
            assertTrue(node.awaitTermination(Duration.ofSeconds(60)), "node did not terminate");
        }
    }

    @Test
    void anOversizedHeaderIsRefusedWith431() throws Exception {
        HttpResponse<String> response = good.send(request("/chunk/" + served.cid()).header("X-Junk", "a".repeat(64 * 1024)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(431, response.statusCode(), response.body());
        assertGoodClientServed();
    }

    @Test
    void tooManyHeadersAreRefused() throws Exception {
        HttpRequest.Builder request = request("/chunk/" + served.cid());
        for (int i = 0; i < 200; i++) {
            request.header("X-Junk-" + i, "x");
        }
        HttpResponse<String> response = good.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        // Pekko HTTP answers a header count over its limit with 400, a header too long with 431.
        assertTrue(response.statusCode() == 400 || response.statusCode() == 431, response.statusCode() + " " + response.body());
        assertGoodClientServed();
    }

    @Test
    void anOverlongUriIsRefusedWith414() throws Exception {
        HttpResponse<String> response = good.send(request("/chunk/sha256:" + "a".repeat(16 * 1024)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(414, response.statusCode(), response.body());
        assertGoodClientServed();
    }

    @Test
    void plainTextOnTheTlsPortGetsNoAnswer() throws Exception {
        try (Socket plain = new Socket()) {
            plain.connect(dataAddress(), 5_000);
            plain.setSoTimeout(30_000);
            plain.getOutputStream().write(("GET /chunk/" + served.cid() + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();
            String reply = readAll(plain.getInputStream());
            assertTrue(!reply.contains("HTTP/1.1 200") && !reply.contains(served.cid().hex()),
                    "a plain-text request must never be answered with data, got: " + reply);
        }
        assertGoodClientServed();
    }

    @Test
    void connectionsThatNeverStartTlsDoNotStarveOthers() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket();
                s.connect(dataAddress(), 5_000);
                silent.add(s);
            }
            assertGoodClientServed();
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    @Test
    void slowClientsAreCutOffAndOthersAreServedMeanwhile() throws Exception {
        SSLContext tls = TlsClients.contextWithCertificate(client, ca.certificate());
        List<SSLSocket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
                s.connect(dataAddress(), 5_000);
                s.startHandshake();
                // The start of a request line, then nothing: the classic slowloris.
                OutputStream out = s.getOutputStream();
                out.write("GET /chunk/sha256:".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            assertGoodClientServed();
            for (SSLSocket s : slow) {
                // Generous: the idle timeout is 3 s; the read returns -1, or the socket is reset, when the node gives up.
                s.setSoTimeout((int) IDLE_TIMEOUT.multipliedBy(20).toMillis());
                try {
                    String answer = readAll(s.getInputStream());
                    assertTrue(!answer.contains("HTTP/1.1 200"), "a half-sent request must not be answered 200: " + answer);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the node kept a slow client's connection open past " + IDLE_TIMEOUT.multipliedBy(20), e);
                } catch (IOException reset) {
                    // Cut off by a reset: what we want.
                }
            }
        } finally {
            for (SSLSocket s : slow) {
                s.close();
            }
        }
        assertGoodClientServed();
    }

    private void assertGoodClientServed() throws Exception {
        HttpResponse<byte[]> response = good.send(request("/chunk/" + served.cid()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(served.size(), response.body().length);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + node.dataAddress().getPort() + path))
                .timeout(Duration.ofSeconds(20));
    }

    private InetSocketAddress dataAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), node.dataAddress().getPort());
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private NodeCertificate issue(String name) throws Exception {
        return ca.issue(SpiffeId.parse("spiffe://" + TRUST_DOMAIN + "/acme/cl-1/az1/pod-1/" + name + "/kwamd"));
    }

    private static Fragment fragment(SplittableRandom rnd, int payloadLength) {
        byte[] payload = new byte[payloadLength];
        rnd.nextBytes(payload);
        FragmentHeader unsealed = new FragmentHeader(new CodecSpec.ReedSolomonSpec(4, 2), 1, 0, payloadLength * 4, payloadLength,
                Cid.of(payload), new byte[Cid.DIGEST_BYTES]);
        return Fragment.seal(unsealed, payload, Cid.sha256());
    }
}
