package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.audit.AuditVerdict;
import dev.kwam.node.audit.AuditVerifier;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.authz.TestPolicies;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.client.KwamClientException;
import dev.kwam.node.heal.RepairTargets;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.up.RunningNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's grants on real nodes: three in one cluster started with src/test/resources/authz/grants.kwam (the
 * nodes' own SPIFFE IDs hold replicate, read, repair, scrub; a reader client only read, a writer only replicate),
 * and one node on its own without a policy. Callers are certificates of the same CA, so only the grants tell them
 * apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantsEnforcedTest {
    private static final Duration ASK = Duration.ofSeconds(60);
    private static final String READER = "spiffe://kwam.test/acme/cl-1/az1/pod-1/reader/client";

    @TempDir
    static Path root;

    private TestCluster cluster;
    private CertificateAuthority ca;
    private RunningNode granted;
    private RunningNode open;
    private RunningNode offLoopback;
    private Path reader;

    @BeforeAll
    void startANodeWithGrantsAndOneWithout() throws Exception {
        ca = CertificateAuthority.create(TestCluster.TRUST_DOMAIN);
        cluster = new TestCluster(root, ca);
        Path policy = root.resolve("grants.kwam");
        try (var in = GrantsEnforcedTest.class.getResourceAsStream("/authz/grants.kwam")) {
            Files.write(policy, in.readAllBytes());
        }
        Map<String, Object> withPolicy = Map.of("kwam.node.policy", policy.toString());
        TestCluster.Ports first = TestCluster.Ports.free();
        granted = cluster.start("node-1", first, List.of(), Map.of("rack", "r1"), withPolicy);
        cluster.start("node-3", TestCluster.Ports.free(), List.of(first.control()), Map.of("rack", "r2"), withPolicy);
        // node-4's metrics port is bound off loopback: HTTPS, and the HUD only for a certificate holding read.
        offLoopback = cluster.start("node-4", TestCluster.Ports.free(), List.of(first.control()), Map.of("rack", "r3"),
                Map.of("kwam.node.policy", policy.toString(), "kwam.node.metrics-host", "0.0.0.0"));
        open = cluster.start("node-2", TestCluster.Ports.free(), List.of(), Map.of("rack", "r1"));
        TestCluster.await(Duration.ofSeconds(120), "node-1 sees its three nodes Up", () -> TestCluster.upMembers(granted, ASK) == 3);
        TestCluster.await(Duration.ofSeconds(120), "node-2 is Up on its own", () -> TestCluster.upMembers(open, ASK) == 1);
        reader = client(READER);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aClientWithoutReplicateCannotProtectAndTheRefusalIsAudited() throws Exception {
        KwamClientException refused;
        try (KwamClient client = KwamClient.connect("127.0.0.1", granted.dataAddress().getPort(), reader)) {
            refused = assertThrows(KwamClientException.class, () -> client.protect(
                    new ByteArrayInputStream("not for this caller".getBytes(StandardCharsets.UTF_8)), Optional.empty()));
        }

        assertEquals("PERMISSION_DENIED", refused.grpcStatus(), refused.getMessage());
        assertTrue(refused.getMessage().contains("Protect needs the capability replicate"), refused.getMessage());
        assertTrue(refused.getMessage().contains(READER), refused.getMessage());
        assertTrue(refused.getMessage().contains("holding caps [replicate] to the grants of policy 'fleet'"), "says which grant to add: " + refused.getMessage());

        Path data = cluster.dataOf("node-1");
        List<String> lines = Files.readAllLines(AuditVerifier.logFile(data));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"grant-decision\",\"actor\":\"" + READER
                + "\",\"action\":\"Protect\"") && l.contains("\"decision\":\"denied\"")), String.join("\n", lines));
        java.security.cert.Certificate signer;
        try (var in = Files.newInputStream(AuditVerifier.signerCertificate(data))) {
            signer = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertInstanceOf(AuditVerdict.Intact.class, new AuditVerifier(signer.getPublicKey()).verify(data), "the chain is intact");
        // The HUD streams the refusal as an event of the node that refused it.
        HttpResponse<String> events = cluster.get(granted.metricsAddress().getPort(), "/api/events?type=refusal");
        assertEquals(200, events.statusCode(), events.body());
        assertTrue(events.body().contains("\"summary\":\"Protect on ") && events.body().contains("denied for " + READER)
                && events.body().contains("\"type\":\"refusal\""), events.body());
    }

    @Test
    void underGrantsAWriterProtectsAndAReaderRecoversAcrossNodes(@TempDir Path out) throws Exception {
        byte[] data = new byte[300_000];
        new java.util.SplittableRandom(11).nextBytes(data);
        KwamNode.Protected p;
        try (KwamClient writer = KwamClient.connect("127.0.0.1", granted.dataAddress().getPort(),
                client("spiffe://kwam.test/acme/cl-1/az1/pod-1/writer/client"))) {
            p = writer.protect(new ByteArrayInputStream(data), Optional.of(new CodecSpec.ReedSolomonSpec(2, 1)));
        }
        assertEquals(0, p.unplacedFragments(), "every node took its fragments: the nodes' own grant holds replicate");

        try (KwamClient client = KwamClient.connect("127.0.0.1", granted.dataAddress().getPort(), reader)) {
            client.recover(p.object(), out.resolve("back.bin"));
        }
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(out.resolve("back.bin"))), "fetched from the other nodes with read");
    }

    @Test
    void aChunkPutByACertificateWithoutReplicateOrRepairIs403() throws Exception {
        PeerClient.PeerException refused = assertThrows(PeerClient.PeerException.class,
                () -> peer(reader).putChunk("127.0.0.1:" + granted.dataAddress().getPort(), fragment()));

        assertEquals(403, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains("PUT /chunk needs one of the capabilities replicate or repair"), refused.getMessage());
        assertTrue(refused.getMessage().contains(READER), refused.getMessage());
    }

    @Test
    void aDeleteIsAuditedWhenAllowedAndWhenRefused() throws Exception {
        String endpoint = "127.0.0.1:" + granted.dataAddress().getPort();
        Cid cid = fragment().cid();
        PeerClient.PeerException noProof = assertThrows(PeerClient.PeerException.class,
                () -> peer(client("spiffe://kwam.test/acme/cl-1/az1/pod-1/node-5/kwamd")).deleteChunk(endpoint, cid, "none"));
        assertEquals(403, noProof.status());
        assertTrue(noProof.getMessage().contains("refused: "), "past the grant, refused by the delete guard: " + noProof.getMessage());
        PeerClient.PeerException noRepair = assertThrows(PeerClient.PeerException.class,
                () -> peer(reader).deleteChunk(endpoint, cid, "none"));
        assertEquals(403, noRepair.status());
        assertTrue(noRepair.getMessage().contains("DELETE /chunk needs the capability repair"), noRepair.getMessage());

        List<String> lines = Files.readAllLines(AuditVerifier.logFile(cluster.dataOf("node-1")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"actor\":\"spiffe://kwam.test/acme/cl-1/az1/pod-1/node-5/kwamd\","
                + "\"action\":\"DELETE /chunk\",\"resource\":\"" + cid + "\",\"decision\":\"allowed\"")
                && l.contains("(repair) of policy 'fleet'")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"actor\":\"" + READER + "\",\"action\":\"DELETE /chunk\",\"resource\":\""
                + cid + "\",\"decision\":\"denied\"")), String.join("\n", lines));
    }

    @Test
    void aClientWithReadSeesTheGrantsInTheStatusAndReady() throws Exception {
        try (KwamClient client = KwamClient.connect("127.0.0.1", granted.dataAddress().getPort(), reader)) {
            assertEquals("grants (3) from policy 'fleet'", client.clusterStatus().authorization());
        }
        HttpResponse<String> ready = cluster.get(granted.metricsAddress().getPort(), "/ready");
        assertTrue(ready.body().contains("\"authorization\":\"grants (3) from policy 'fleet'\""), ready.body());
    }

    @Test
    void withoutAPolicyEveryCertificateMayCallAndTheNodeSaysSo() throws Exception {
        HttpResponse<String> ready = cluster.get(open.metricsAddress().getPort(), "/ready");
        assertTrue(ready.body().contains("\"authorization\":\"none (no policy)\""), ready.body());
        try (KwamClient client = KwamClient.connect("127.0.0.1", open.dataAddress().getPort(), reader)) {
            assertEquals("none (no policy)", client.clusterStatus().authorization());
        }
        peer(reader).putChunk("127.0.0.1:" + open.dataAddress().getPort(), fragment());
    }

    @Test
    void repairsGoOnlyToMembersWhoseSpiffeIdHoldsRepair() throws Exception {
        Iterable<org.apache.pekko.cluster.Member> members = org.apache.pekko.cluster.typed.Cluster.get(granted.system()).state().getMembers();
        Authorizer withRepair = TestPolicies.authorizer("/authz/grants.kwam");
        Authorizer withoutRepair = TestPolicies.authorizer("/authz/no-repair.kwam");

        assertTrue(new RepairTargets(withRepair, () -> members).test("node-1"), "its kwamd identity holds repair");
        assertFalse(new RepairTargets(withoutRepair, () -> members).test("node-1"), "replicate and read only");
        assertFalse(new RepairTargets(withRepair, () -> members).test("node-9"), "not a member: its SPIFFE ID is not known");
        assertTrue(new RepairTargets(Authorizer.of(Optional.empty(), ""), () -> members).test("node-9"), "no policy: every node");
    }

    /** A PKI directory for a client certificate of the test CA with {@code spiffeId}. */
    @Test
    void offLoopbackTheHudAnswersOnlyACertificateOfTheFleetThatHoldsRead() throws Exception {
        int port = offLoopback.metricsAddress().getPort();
        Path writer = client("spiffe://kwam.test/acme/cl-1/az1/pod-1/writer/client");

        assertTrue(https(Optional.empty(), port, "/health").startsWith("HTTP/1.1 200"), "probes answer anyone");
        String anonymous = https(Optional.empty(), port, "/api/status");
        assertTrue(anonymous.startsWith("HTTP/1.1 401") && anonymous.contains("needs a client certificate of the fleet's CA"), anonymous);
        assertTrue(https(Optional.empty(), port, "/metrics").startsWith("HTTP/1.1 401"));
        String read = https(Optional.of(reader), port, "/api/status");
        assertTrue(read.startsWith("HTTP/1.1 200") && read.contains("\"source\":\"LIVE\""), read);
        String refused = https(Optional.of(writer), port, "/api/nodes");
        assertTrue(refused.startsWith("HTTP/1.1 403") && refused.contains("writer/client") && refused.contains("read"), refused);
        TestCluster.await(Duration.ofSeconds(30), "the refusal in node-4's audit log", () -> {
            try {
                return Files.readString(cluster.dataOf("node-4").resolve("audit/audit.log")).contains("GET the HUD");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** One HTTP/1.1 GET over TLS to 127.0.0.1:{@code port}, with {@code pki}'s client certificate or none; the raw answer. */
    private String https(Optional<Path> pki, int port, String path) throws Exception {
        MutualTls tls = MutualTls.of(NodeCertificate.load(pki.orElse(reader)));
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(pki.isPresent() ? new javax.net.ssl.KeyManager[] {tls.keyManager()} : null,
                new javax.net.ssl.TrustManager[] {tls.peerTrust()}, null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: node-4\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The client's credentials, issued on the first ask and read back after. */
    private Path client(String spiffeId) throws Exception {
        Path dir = root.resolve("pki-" + SpiffeId.parse(spiffeId).segments().get(4));
        if (!Files.exists(dir.resolve("ca.crt"))) {
            ca.issue(SpiffeId.parse(spiffeId)).write(dir);
        }
        return dir;
    }

    private static PeerClient peer(Path pki) throws Exception {
        return new PeerClient(MutualTls.of(NodeCertificate.load(pki)), Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20);
    }

    private static Fragment fragment() {
        byte[] payload = "a fragment nobody may write without replicate or repair".getBytes(StandardCharsets.UTF_8);
        CodecSpec rs = new CodecSpec.ReedSolomonSpec(4, 2);
        FragmentHeader header = new FragmentHeader(rs, 0, 0, payload.length * 4, payload.length, Cid.of(payload),
                new byte[Cid.DIGEST_BYTES]);
        return Fragment.seal(header, payload, Cid.sha256());
    }
}
