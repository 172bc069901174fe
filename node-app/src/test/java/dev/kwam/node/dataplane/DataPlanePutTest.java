package dev.kwam.node.dataplane;

import dev.kwam.node.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.ProtectOptions;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.node.api.NodeRequests;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.up.NodeLauncher;
import dev.kwam.node.up.OpenStore;
import dev.kwam.node.up.RunningNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The data plane's write side on one real node over mutual TLS: {@code PUT /chunk/{cid}} stores only
 * bytes that are the fragment the URL names, {@code GET/PUT /manifest/{cid}} keep only manifests that
 * hash to their name and verify, and {@link PeerClient} speaks all of it node to node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataPlanePutTest {
    @TempDir
    static Path root;

    private CertificateAuthority ca;
    private RunningNode node;
    private HttpClient client;
    private PeerClient peer;
    private String endpoint;
    private final SplittableRandom rnd = new SplittableRandom(7);

    @BeforeAll
    void start() throws Exception {
        ca = CertificateAuthority.create("kwam.test");
        Path pki = root.resolve("pki-node");
        issue("node-p").write(pki);
        Map<String, Object> flags = new HashMap<>();
        flags.put("kwam.node.name", "node-p");
        flags.put("kwam.node.data", root.resolve("data").toString());
        flags.put("kwam.node.pki", pki.toString());
        flags.put("kwam.node.control-port", FreePorts.loopback());
        flags.put("kwam.node.data-port", FreePorts.loopback());
        flags.put("kwam.node.metrics-port", FreePorts.loopback());
        flags.put("kwam.node.consensus.raft-port", FreePorts.loopback());
        flags.put("kwam.node.store.reserve", "0");
        flags.put("kwam.node.store.reserve-percent", 0);
        node = NodeLauncher.start(NodeSettings.load(ConfigFactory.parseMap(flags), Optional.empty()),
                ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"));
        NodeCertificate client = issue("client");
        this.client = TlsClients.withCertificate(client, ca.certificate());
        peer = new PeerClient(MutualTls.of(client), Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20);
        endpoint = "127.0.0.1:" + node.dataAddress().getPort();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (node != null) {
            node.shutdown();
            assertTrue(node.awaitTermination(Duration.ofSeconds(60)), "node did not terminate");
        }
    }

    @Test
    void putThenGetReturnsTheSameBytes() throws Exception {
        Fragment f = fragment(50_000);
        HttpResponse<String> put = put("/chunk/" + f.cid(), f.toBytes());
        assertEquals(201, put.statusCode(), put.body());
        HttpResponse<byte[]> got = get("/chunk/" + f.cid());
        assertEquals(200, got.statusCode());
        assertArrayEquals(f.toBytes(), got.body());
        assertEquals(201, put("/chunk/" + f.cid(), f.toBytes()).statusCode(), "a second put of the same fragment is a no-op");
        Fragment large = fragment(9 << 20);
        assertEquals(201, put("/chunk/" + large.cid(), large.toBytes()).statusCode(), "above pekko-http's 8 MiB default, below the cap");
        assertArrayEquals(large.toBytes(), get("/chunk/" + large.cid()).body());
    }

    @Test
    void aBodyThatIsNotTheNamedFragmentIs422AndNothingIsStored() throws Exception {
        Fragment f = fragment(10_000);
        Fragment other = fragment(10_000);
        HttpResponse<String> wrongName = put("/chunk/" + other.cid(), f.toBytes());
        assertEquals(422, wrongName.statusCode(), wrongName.body());
        assertTrue(wrongName.body().startsWith("{\"error\":"), wrongName.body());

        byte[] tampered = f.toBytes();
        tampered[tampered.length - 1] ^= 0x40;
        assertEquals(422, put("/chunk/" + f.cid(), tampered).statusCode());
        assertEquals(422, put("/chunk/" + f.cid(), new byte[0]).statusCode());
        assertEquals(400, put("/chunk/not-a-cid", f.toBytes()).statusCode());

        assertEquals(404, get("/chunk/" + f.cid()).statusCode());
        assertEquals(404, get("/chunk/" + other.cid()).statusCode());
        assertFalse(storedFiles().anyMatch(p -> p.getFileName().toString().equals(f.cid().hex())
                || p.getFileName().toString().equals(other.cid().hex())), "nothing was written");
    }

    @Test
    void aBodyAboveTheCapIs413() throws Exception {
        byte[] huge = new byte[(int) ChunkRoutes.MAX_FRAGMENT_BYTES + 1];
        Cid cid = Cid.of(new byte[] {9});
        int status;
        try {
            HttpResponse<String> response = put("/chunk/" + cid, huge);
            status = response.statusCode();
            assertTrue(response.body().contains("exceeds"), response.body());
        } catch (IOException reset) {
            // The server may answer 413 and close while the client is still sending; what matters is
            // that nothing was stored and the node still serves.
            status = 413;
        }
        assertEquals(413, status);
        assertEquals(404, get("/chunk/" + cid).statusCode());
        Fragment f = fragment(1_000);
        assertEquals(201, put("/chunk/" + f.cid(), f.toBytes()).statusCode(), "the node still takes writes");
    }

    @Test
    void manifestPutThenGetAndTamperedManifestsAreRefused() throws Exception {
        Manifest m = manifest();
        byte[] bytes = m.encode();
        assertEquals(201, put("/manifest/" + m.cid(), bytes).statusCode());
        HttpResponse<byte[]> got = get("/manifest/" + m.cid());
        assertEquals(200, got.statusCode());
        assertArrayEquals(bytes, got.body());

        byte[] tampered = bytes.clone();
        tampered[40] ^= 0x01;
        assertEquals(422, put("/manifest/" + m.cid(), tampered).statusCode(), "bytes that do not hash to the name");
        HttpResponse<String> badSignature = put("/manifest/" + Cid.of(tampered), tampered);
        assertEquals(422, badSignature.statusCode(), "hashes to its name but the signature fails");
        assertTrue(badSignature.body().contains("signature"), badSignature.body());
        assertEquals(404, get("/manifest/" + Cid.of(tampered)).statusCode());
        assertEquals(422, put("/manifest/" + Cid.of("junk".getBytes(StandardCharsets.UTF_8)),
                "junk".getBytes(StandardCharsets.UTF_8)).statusCode(), "not a manifest at all");
    }

    @Test
    void aManifestDamagedOnDiskIsNotServed() throws Exception {
        Manifest m = manifest();
        assertEquals(201, put("/manifest/" + m.cid(), m.encode()).statusCode());
        Path file = root.resolve("data").resolve(NodeRequests.MANIFEST_DIRECTORY).resolve(m.cid().hex().substring(0, 2))
                .resolve(m.cid().hex());
        byte[] onDisk = Files.readAllBytes(file);
        onDisk[10] ^= 0x01;
        Files.write(file, onDisk);
        assertEquals(404, get("/manifest/" + m.cid()).statusCode());
        assertFalse(Files.exists(file), "moved to quarantine");
    }

    @Test
    void peerClientPutsAndGetsFragmentsAndManifests() throws Exception {
        Fragment f = fragment(20_000);
        peer.putChunk(endpoint, f);
        PeerClient.ChunkReply reply = peer.getChunk(endpoint, f.cid());
        assertArrayEquals(f.toBytes(), assertInstanceOf(PeerClient.Found.class, reply).bytes());
        assertInstanceOf(PeerClient.NotHeld.class, peer.getChunk(endpoint, fragment(10).cid()));

        Manifest m = manifest();
        peer.putManifest(endpoint, m.cid(), m.encode());
        assertArrayEquals(m.encode(), peer.getManifest(endpoint, m.cid()).orElseThrow());
        assertEquals(Optional.empty(), peer.getManifest(endpoint, Cid.of(new byte[] {1})));

        PeerClient.PeerException refused = assertThrows(PeerClient.PeerException.class,
                () -> peer.putChunk(endpoint.replaceAll(":\\d+$", ":" + FreePorts.loopback()), f));
        assertEquals(0, refused.status(), "a node that is not there never answered");
        byte[] tampered = f.toBytes();
        tampered[200] ^= 1;
        PeerClient.PeerException mismatch = assertThrows(PeerClient.PeerException.class,
                () -> peer.putManifest(endpoint, m.cid(), tampered));
        assertEquals(422, mismatch.status());
    }

    private Manifest manifest() throws IOException {
        byte[] data = new byte[30_000];
        rnd.nextBytes(data);
        return Kwam.protect(data, ProtectOptions.builder().codec(new CodecSpec.ReedSolomonSpec(3, 2)).build(), fragment -> { });
    }

    private Fragment fragment(int payloadLength) {
        CodecSpec rs = new CodecSpec.ReedSolomonSpec(4, 2);
        byte[] payload = new byte[payloadLength];
        rnd.nextBytes(payload);
        FragmentHeader unsealed = new FragmentHeader(rs, 1, 0, payloadLength * 4, payloadLength, Cid.of(payload), new byte[Cid.DIGEST_BYTES]);
        return Fragment.seal(unsealed, payload, Cid.sha256());
    }

    private Stream<Path> storedFiles() throws IOException {
        return Files.walk(root.resolve("data").resolve(OpenStore.DIRECTORY).resolve("fragments")).filter(Files::isRegularFile);
    }

    private HttpResponse<String> put(String path, byte[] body) throws IOException, InterruptedException {
        return client.send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://" + endpoint + path)).timeout(Duration.ofSeconds(60));
    }

    private NodeCertificate issue(String name) throws Exception {
        return ca.issue(SpiffeId.parse("spiffe://kwam.test/acme/cl-1/az1/pod-1/" + name + "/kwamd"));
    }

}
