package dev.kwam.node.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.SpiffeServerTrust;
import dev.kwam.node.grpc.GrpcErrors;
import dev.kwam.node.grpc.v1.ClusterStatusRequest;
import dev.kwam.node.grpc.v1.ErrorInfo;
import dev.kwam.node.grpc.v1.KwamClient;
import dev.kwam.node.grpc.v1.ListObjectsRequest;
import dev.kwam.node.grpc.v1.ProtectOptions;
import dev.kwam.node.grpc.v1.ProtectRequest;
import dev.kwam.node.grpc.v1.RecoverRequest;
import dev.kwam.node.grpc.v1.ReedSolomon;
import dev.kwam.node.grpc.v1.RepairBudgetRequest;
import dev.kwam.node.grpc.v1.RepairReport;
import dev.kwam.node.grpc.v1.StatRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire contract of kwam.proto as any gRPC client sees it, through pekko-grpc's generated client
 * rather than {@code KwamClient}: status codes, the {@code kwam-error-bin} trailer, request validation,
 * and mutual TLS refusing clients without a certificate of the node's CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcProtocolTest {
    private static final Metadata.Key<byte[]> ERROR_INFO = Metadata.Key.of(GrpcErrors.TRAILER, Metadata.BINARY_BYTE_MARSHALLER);

    @TempDir
    static Path root;

    private GrpcFixture fixture;
    private KwamClient good;

    @BeforeAll
    void start() throws Exception {
        fixture = GrpcFixture.start(root);
        good = raw(ClientTls.load(fixture.clientPki).grpcContext());
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void impossibleCodecsAreInvalidArgument() {
        for (int[] km : List.of(new int[] {0, 2}, new int[] {4, 0}, new int[] {200, 100}, new int[] {-1, 2})) {
            ProtectRequest first = ProtectRequest.newBuilder()
                    .setOptions(ProtectOptions.newBuilder().setCodec(ReedSolomon.newBuilder().setK(km[0]).setM(km[1])))
                    .setData(com.google.protobuf.ByteString.copyFromUtf8("hello")).build();
            StatusRuntimeException e = failure(good.protect(Source.single(first)));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), Arrays.toString(km));
            assertTrue(e.getStatus().getDescription().contains("not a valid code"), e.getStatus().getDescription());
            assertEquals("INVALID_ARGUMENT", errorInfo(e).getCode());
        }
    }

    @Test
    void optionsAfterTheFirstMessageAreInvalidArgument() {
        ProtectRequest data = ProtectRequest.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("bytes")).build();
        ProtectRequest late = ProtectRequest.newBuilder().setOptions(ProtectOptions.getDefaultInstance()).build();
        StatusRuntimeException e = failure(good.protect(Source.from(List.of(data, data, late))));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
        assertTrue(e.getStatus().getDescription().contains("first message only"), e.getStatus().getDescription());
    }

    @Test
    void malformedCidsAreInvalidArgument() {
        String[] bad = {"", "sha256:abc", "SHA256:" + "a".repeat(64), "../etc/passwd", "sha256:" + "A".repeat(64)};
        for (String cid : bad) {
            StatusRuntimeException stat = failure(good.stat(StatRequest.newBuilder().setObject(cid).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, stat.getStatus().getCode(), cid);
            StatusRuntimeException recover = failure(good.recover(RecoverRequest.newBuilder().setObject(cid).build())
                    .runWith(Sink.ignore(), fixture.kit.system()));
            assertEquals(Status.Code.INVALID_ARGUMENT, recover.getStatus().getCode(), cid);
        }
    }

    @Test
    void unknownObjectsAreNotFoundWithErrorInfo() {
        String unknown = "sha256:" + "0".repeat(64);
        StatusRuntimeException e = failure(good.stat(StatRequest.newBuilder().setObject(unknown).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        ErrorInfo info = errorInfo(e);
        assertEquals("NOT_FOUND", info.getCode());
        assertEquals(e.getStatus().getDescription(), info.getMessage());
    }

    @Test
    void listLimitAboveTheMaximumIsInvalidArgument() {
        StatusRuntimeException e = failure(good.listObjects(ListObjectsRequest.newBuilder().setLimit(10_001).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void aListCursorThatIsNotACidIsInvalidArgumentNamingIt() {
        StatusRuntimeException e = failure(good.listObjects(ListObjectsRequest.newBuilder().setAfter("page-2").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(errorInfo(e).getMessage().contains("'page-2' is not a content id"), errorInfo(e).getMessage());
    }

    @Test
    void repairBudgetRequestsOutOfBoundsOrContradictoryAreInvalidArgumentWithErrorInfo() throws Exception {
        Path auditLog = fixture.nodeData.resolve("audit").resolve("audit.log");
        int auditedBefore = Files.readAllLines(auditLog).size(); // the fixture is shared by this class's tests
        Map<String, RepairBudgetRequest> bad = new LinkedHashMap<>();
        bad.put("nothing to change", RepairBudgetRequest.getDefaultInstance());
        bad.put("max concurrent stripes 0 is outside 1..1024", RepairBudgetRequest.newBuilder().setMaxConcurrentStripes(0).build());
        bad.put("max concurrent stripes 1025 is outside 1..1024", RepairBudgetRequest.newBuilder().setMaxConcurrentStripes(1025).build());
        bad.put("max concurrent stripes 4294967295 is outside 1..1024",
                RepairBudgetRequest.newBuilder().setMaxConcurrentStripes(-1).build()); // uint32 max on the wire
        bad.put("0 would stop repair altogether", RepairBudgetRequest.newBuilder().setBandwidthBytesPerSecond(0).build());
        bad.put("it is above 2^63-1", RepairBudgetRequest.newBuilder().setBandwidthBytesPerSecond(-1).build()); // uint64 max
        bad.put("give one of them", RepairBudgetRequest.newBuilder().setBandwidthBytesPerSecond(1 << 20).setUnlimitedBandwidth(true).build());
        bad.put("a reset cannot be combined with new limits",
                RepairBudgetRequest.newBuilder().setReset(true).setMaxConcurrentStripes(2).build());
        for (Map.Entry<String, RepairBudgetRequest> c : bad.entrySet()) {
            StatusRuntimeException e = failure(good.adjustRepairBudget(c.getValue()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), c.getKey());
            String description = e.getStatus().getDescription();
            assertTrue(description.startsWith("AdjustRepairBudget: repair budget not changed: ") && description.contains(c.getKey()),
                    description);
            ErrorInfo info = errorInfo(e);
            assertEquals("INVALID_ARGUMENT", info.getCode());
            assertTrue(info.getDetailsList().stream().anyMatch(d -> d.contains(c.getKey())), info.toString());
        }
        // Every refusal is audited, with the caller and the reason it was told.
        List<String> all = Files.readAllLines(auditLog);
        List<String> refusals = all.subList(auditedBefore, all.size());
        assertEquals(bad.size(), refusals.size(), String.join("\n", all));
        int i = 0;
        for (String reason : bad.keySet()) {
            String line = refusals.get(i++);
            assertTrue(line.contains("\"kind\":\"refusal\",\"actor\":\"spiffe://kwam.test/acme/cl-1/az1/pod-1/client/kwamd\""), line);
            assertTrue(line.contains("\"decision\":\"refused\"") && line.contains(reason), line);
        }
    }

    @Test
    void aRepairBudgetChangeIsAnsweredWithTheReportAndRecordsTheCallersSpiffeId() throws Exception {
        RepairReport report = good.adjustRepairBudget(RepairBudgetRequest.newBuilder().setMaxConcurrentStripes(3).build())
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(3, report.getMaxConcurrentStripes());
        assertEquals(10L << 20, report.getBandwidthBytesPerSecond(), "an absent field leaves its limit as it was");
        assertEquals("spiffe://kwam.test/acme/cl-1/az1/pod-1/client/kwamd", report.getBudgetSetBy(),
                "the setter is the certificate the TLS handshake verified, not anything the request says");
        assertTrue(report.getBudgetSource().startsWith("override set by spiffe://kwam.test/"), report.getBudgetSource());
        assertEquals("policy", report.getBudgetConfiguredFrom());
        assertEquals(4, report.getConfiguredMaxConcurrentStripes());
        assertTrue(report.hasBudgetReplicated());

        RepairReport plain = good.repairs(dev.kwam.node.grpc.v1.RepairsRequest.getDefaultInstance()).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertFalse(plain.hasBudgetReplicated(), "only the answer to a change says whether it replicated");
        assertEquals("policy", plain.getBudgetSource());
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedEvenWhenItTrustsOurs() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create(GrpcFixture.TRUST_DOMAIN);
        KwamClient foreign = raw(context(GrpcFixture.issue(stranger, "intruder"), fixture.ca.certificate()));
        try {
            assertRefused(foreign.clusterStatus(ClusterStatusRequest.getDefaultInstance()));
        } finally {
            foreign.close();
        }
        assertFalse(good.clusterStatus(ClusterStatusRequest.getDefaultInstance()).toCompletableFuture().get(30, TimeUnit.SECONDS)
                .getSelf().isEmpty(), "good clients are still served");
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        KwamClient anonymous = raw(context(null, fixture.ca.certificate()));
        try {
            assertRefused(anonymous.clusterStatus(ClusterStatusRequest.getDefaultInstance()));
        } finally {
            anonymous.close();
        }
    }

    /** Refused in the TLS handshake: no status from the node, the transport's UNAVAILABLE. */
    private static void assertRefused(CompletionStage<?> call) throws Exception {
        StatusRuntimeException e = failure(call);
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    private KwamClient raw(SSLContext context) {
        return KwamClient.create(GrpcClientSettings.connectToServiceAt("127.0.0.1", fixture.port, fixture.kit.system())
                .withTls(true).withSslContext(context).withBackend("pekko-http"), fixture.kit.system());
    }

    /** Presents {@code identity} (none when null) and checks the server's chain against {@code trusted} only. */
    private static SSLContext context(NodeCertificate identity, X509Certificate trusted) throws Exception {
        KeyManager[] keyManagers = null;
        if (identity != null) {
            char[] password = "test".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", identity.privateKey(), password, new Certificate[] {identity.certificate(), identity.caCertificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, password);
            keyManagers = kmf.getKeyManagers();
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        X509ExtendedTrustManager pkix = Arrays.stream(tmf.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst().orElseThrow();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, new TrustManager[] {new SpiffeServerTrust(pkix, GrpcFixture.TRUST_DOMAIN)}, null);
        return context;
    }

    private static StatusRuntimeException failure(CompletionStage<?> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.toCompletableFuture().get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof StatusRuntimeException, String.valueOf(e.getCause()));
        return (StatusRuntimeException) e.getCause();
    }

    private static ErrorInfo errorInfo(StatusRuntimeException e) {
        try {
            return ErrorInfo.parseFrom(e.getTrailers().get(ERROR_INFO));
        } catch (Exception garbled) {
            throw new AssertionError("no kwam-error-bin trailer in " + e.getTrailers(), garbled);
        }
    }
}
