package dev.kwam.node.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real node started through {@link NodeLauncher} with certificates from a test CA, its store
 * seeded before start; every request is real HTTPS with mutual TLS on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkEndpointTest {
    private static final String TRUST_DOMAIN = "kwam.test";

    @TempDir
    static Path root;

    private CertificateAuthority ca;
    private RunningNode node;
    private HttpClient good;
    private Path store;
    private Fragment served;
    private Fragment toCorrupt;

    @BeforeAll
    void start() throws Exception {
        ca = CertificateAuthority.create(TRUST_DOMAIN);
        SplittableRandom rnd = new SplittableRandom(42);
        served = fragment(rnd, 70_000);
        toCorrupt = fragment(rnd, 1_000);
        store = root.resolve("data").resolve(OpenStore.DIRECTORY);
        try (FragmentStore seed = FragmentStore.open(store, new StoreOptions(0, 0))) {
            seed.put(served);
            seed.put(toCorrupt);
        }
        Path pki = root.resolve("pki-node");
        issue(ca, "node-a").write(pki);
        Map<String, Object> flags = new HashMap<>();
        flags.put("kwam.node.name", "node-a");
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
                ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"));
        good = TlsClients.withCertificate(issue(ca, "client"), ca.certificate());
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (node != null) {
            node.shutdown();
            assertTrue(node.awaitTermination(Duration.ofSeconds(60)), "node did not terminate");
        }
    }

    @Test
    void servesAStoredFragmentByteIdentical() throws Exception {
        HttpResponse<byte[]> response = get(good, "/chunk/" + served.cid());
        assertEquals(200, response.statusCode());
        assertArrayEquals(served.toBytes(), response.body());
        assertEquals(Optional.of("application/octet-stream"), response.headers().firstValue("Content-Type"));
        assertEquals(Optional.of(served.cid().toString()), response.headers().firstValue(ChunkRoutes.CID_HEADER));
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<byte[]> response = good.send(request("/chunk/" + served.cid()).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(Optional.of(served.cid().toString()), response.headers().firstValue(ChunkRoutes.CID_HEADER));
    }

    @Test
    void malformedCidsAre400WithJson() throws Exception {
        String hex = served.cid().hex();
        for (String bad : List.of("sha256:" + hex.toUpperCase(), "sha256:" + hex.substring(1), hex, "SHA256:" + hex, "sha256:" + hex + "0",
                "md5:" + hex, "..%2F..%2Fetc%2Fpasswd", "sha256:" + hex.substring(2) + "%2F..")) {
            HttpResponse<byte[]> response = get(good, "/chunk/" + bad);
            String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(400, response.statusCode(), bad + ": " + body);
            assertTrue(body.startsWith("{\"error\":") && body.contains("\"cid\":"), body);
        }
    }

    @Test
    void traversalAndExtraSegmentsNeverReadAFile() throws Exception {
        for (String path : List.of("/chunk/../x", "/chunk/" + served.cid() + "/x", "/chunk/" + served.cid() + "/..",
                "/chunk/%2e%2e", "/chunk/%2e%2e/%2e%2e/store.lock", "/chunk/", "/chunk")) {
            int status = get(good, path).statusCode();
            assertTrue(status == 400 || status == 404, path + " answered " + status);
        }
    }

    @Test
    void unknownCidIs404() throws Exception {
        HttpResponse<byte[]> response = get(good, "/chunk/" + Cid.of(new byte[] {1, 2, 3}));
        assertEquals(404, response.statusCode());
        assertTrue(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).contains("not stored"));
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<byte[]> response = good.send(request("/chunk/" + served.cid())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, response.statusCode());
    }

    @Test
    void aCorruptFileIs404AndQuarantined() throws Exception {
        Path file = fileOf(toCorrupt.cid());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);

        HttpResponse<byte[]> response = get(good, "/chunk/" + toCorrupt.cid());
        assertEquals(404, response.statusCode());
        assertTrue(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).contains("corrupt, quarantined"));
        assertFalse(Files.exists(file), "the corrupt file is out of the fragment tree");
        assertFalse(filesUnder(store.resolve("quarantine")).isEmpty(), "the corrupt file is in quarantine");
        assertEquals(404, get(good, "/chunk/" + toCorrupt.cid()).statusCode());
    }

    @Test
    void aClientWithoutCertificateIsRefusedAndGoodClientsAreStillServed() throws Exception {
        HttpClient anonymous = TlsClients.withoutCertificate(ca.certificate());
        assertThrows(IOException.class, () -> get(anonymous, "/chunk/" + served.cid()));
        assertEquals(200, get(good, "/chunk/" + served.cid()).statusCode());
    }

    @Test
    void aClientFromAnotherCaIsRefusedAndGoodClientsAreStillServed() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create(TRUST_DOMAIN);
        // It even trusts our CA, so only its own certificate can be the reason for the refusal.
        HttpClient foreign = TlsClients.withCertificate(issue(stranger, "intruder"), ca.certificate());
        assertThrows(IOException.class, () -> get(foreign, "/chunk/" + served.cid()));
        assertEquals(200, get(good, "/chunk/" + served.cid()).statusCode());
    }

    private HttpResponse<byte[]> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + node.dataAddress().getPort() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private Path fileOf(Cid cid) throws IOException {
        return filesUnder(store.resolve("fragments")).stream().filter(p -> p.getFileName().toString().equals(cid.hex()))
                .findFirst().orElseThrow(() -> new AssertionError("no file for " + cid));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static NodeCertificate issue(CertificateAuthority issuer, String name) throws Exception {
        return issuer.issue(SpiffeId.parse("spiffe://" + issuer.trustDomain() + "/acme/cl-1/az1/pod-1/" + name + "/kwamd"));
    }

    private static Fragment fragment(SplittableRandom rnd, int payloadLength) {
        CodecSpec rs = new CodecSpec.ReedSolomonSpec(4, 2);
        byte[] payload = new byte[payloadLength];
        rnd.nextBytes(payload);
        FragmentHeader unsealed = new FragmentHeader(rs, 1, 0, payloadLength * 4, payloadLength, Cid.of(payload),
                new byte[Cid.DIGEST_BYTES]);
        return Fragment.seal(unsealed, payload, Cid.sha256());
    }
}
