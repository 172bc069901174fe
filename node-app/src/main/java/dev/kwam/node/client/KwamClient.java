package dev.kwam.node.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClientException.Kind;
import dev.kwam.node.files.StagedFile;
import dev.kwam.node.grpc.ProtoMessages;
import dev.kwam.node.grpc.v1.ClusterStatusRequest;
import dev.kwam.node.grpc.v1.ListObjectsRequest;
import dev.kwam.node.grpc.v1.ProtectOptions;
import dev.kwam.node.grpc.v1.ProtectRequest;
import dev.kwam.node.grpc.v1.RecoverReply;
import dev.kwam.node.grpc.v1.RecoverRequest;
import dev.kwam.node.grpc.v1.ReedSolomon;
import dev.kwam.node.grpc.v1.StatRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;

/**
 * A Java client of a node's gRPC API (kwam.proto) over mutual TLS: it presents the certificate in a
 * PKI directory ({@code kwam pki issue} writes ca.crt, node.crt, node.key) and accepts only a node
 * whose certificate chains to that directory's CA. Calls block and answer with the same records an
 * embedded {@link KwamNode} replies with; a refusal is a {@link KwamClientException}.
 *
 * <pre>{@code
 * try (KwamClient kwam = KwamClient.connect("10.0.0.5", 7401, Path.of("/etc/kwam/pki"))) {
 *     KwamNode.Protected p = kwam.protect(Path.of("model.bin"), Optional.empty());
 *     kwam.recover(p.object(), Path.of("model.copy"));
 * }
 * }</pre>
 *
 * Bytes stream both ways with backpressure; nothing is held in memory whole. {@link #recover} writes
 * only through a temp file that becomes the target after the stream ended OK and the bytes hashed to
 * the object's content cid: a failed recover leaves no output.
 */
public final class KwamClient implements AutoCloseable {
    /** Connection probe and unary calls (stat, list, status). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final int UPLOAD_MESSAGE = 256 * 1024;
    /** The client's own ActorSystem logs only errors: the CLI's stdout and stderr belong to its output. */
    private static final String OWN_SYSTEM_CONFIG = String.join("\n",
            "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]",
            "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"",
            "pekko.loglevel = ERROR",
            "pekko.stdout-loglevel = OFF",
            "pekko.log-dead-letters = off",
            "pekko.actor.provider = local",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off");

    private final String endpoint;
    private final ActorSystem<?> system;
    private final boolean ownsSystem;
    private final dev.kwam.node.grpc.v1.KwamClient grpc;
    private final dev.kwam.node.grpc.v1.KwamAdminClient adminGrpc;
    private final Duration callTimeout;

    private KwamClient(String endpoint, ActorSystem<?> system, boolean ownsSystem, dev.kwam.node.grpc.v1.KwamClient grpc,
            dev.kwam.node.grpc.v1.KwamAdminClient adminGrpc, Duration callTimeout) {
        this.endpoint = endpoint;
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.grpc = grpc;
        this.adminGrpc = adminGrpc;
        this.callTimeout = callTimeout;
    }

    /** Connects with an ActorSystem of its own, terminated by {@link #close()}. */
    public static KwamClient connect(String host, int port, Path pkiDir) throws KwamClientException {
        ClientTls tls = ClientTls.load(pkiDir);
        ConnectionProbe.check(tls, host, port, CALL_TIMEOUT);
        Config config = ConfigFactory.parseString(OWN_SYSTEM_CONFIG).withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kwam-client", config);
        return create(host, port, tls, system, true);
    }

    /** Connects inside the caller's ActorSystem, which {@link #close()} leaves running. */
    public static KwamClient connect(String host, int port, Path pkiDir, ActorSystem<?> system) throws KwamClientException {
        ClientTls tls = ClientTls.load(pkiDir);
        ConnectionProbe.check(tls, host, port, CALL_TIMEOUT);
        return create(host, port, tls, system, false);
    }

    private static KwamClient create(String host, int port, ClientTls tls, ActorSystem<?> system, boolean owns) {
        // The pekko-http backend takes our SSLContext whole (client certificate included); the netty
        // backend of pekko-grpc 1.1 accepts only a trust manager, so it could not present a certificate.
        GrpcClientSettings settings = GrpcClientSettings.connectToServiceAt(host, port, system)
                .withTls(true)
                .withSslContext(tls.grpcContext())
                .withBackend("pekko-http");
        return new KwamClient(host + ":" + port, system, owns, dev.kwam.node.grpc.v1.KwamClient.create(settings, system),
                dev.kwam.node.grpc.v1.KwamAdminClient.create(settings, system), CALL_TIMEOUT);
    }

    /** The administrative calls (pointers, trust roots, audit tail) over the same connection settings. */
    public AdminCalls admin() {
        return new AdminCalls(adminGrpc, system, this, endpoint);
    }

    /** A unary call awaited with this client's timeout, its failure classified as every call's is. */
    <T> T awaitCall(CompletionStage<T> call, String what) throws KwamClientException {
        return await(call, Optional.of(callTimeout), what);
    }

    /** "host:port" of the node. */
    public String endpoint() {
        return endpoint;
    }

    // --- protect -----------------------------------------------------------------------------

    public KwamNode.Protected protect(Path file, Optional<CodecSpec> codec) throws KwamClientException {
        return protect(file, codec, done -> { });
    }

    /** {@code progress} sees the running total of bytes handed to the transport. */
    public KwamNode.Protected protect(Path file, Optional<CodecSpec> codec, LongConsumer progress) throws KwamClientException {
        if (!Files.isRegularFile(file)) {
            throw new KwamClientException(Kind.LOCAL_IO, file + " is not a readable regular file", null);
        }
        return protect(StreamConverters.fromInputStream(() -> Files.newInputStream(file), UPLOAD_MESSAGE), codec, progress,
                "protect " + file);
    }

    /** Reads {@code in} to its end, then closes it. */
    public KwamNode.Protected protect(InputStream in, Optional<CodecSpec> codec) throws KwamClientException {
        return protect(StreamConverters.fromInputStream(() -> in, UPLOAD_MESSAGE), codec, done -> { }, "protect");
    }

    private KwamNode.Protected protect(Source<ByteString, ?> bytes, Optional<CodecSpec> codec, LongConsumer progress, String what)
            throws KwamClientException {
        ProtectRequest first = ProtectRequest.newBuilder().setOptions(options(codec)).build();
        AtomicLong sent = new AtomicLong();
        Source<ProtectRequest, NotUsed> requests = Source.single(first).concat(bytes
                .map(chunk -> {
                    progress.accept(sent.addAndGet(chunk.size()));
                    return ProtectRequest.newBuilder().setData(com.google.protobuf.ByteString.copyFrom(chunk.asByteBuffer())).build();
                })
                .mapMaterializedValue(ignored -> NotUsed.getInstance()));
        return ProtoMessages.fromProto(await(grpc.protect(requests), Optional.empty(), what));
    }

    private static ProtectOptions options(Optional<CodecSpec> codec) {
        ProtectOptions.Builder options = ProtectOptions.newBuilder();
        codec.ifPresent(spec -> {
            if (!(spec instanceof CodecSpec.ReedSolomonSpec rs)) {
                throw new IllegalArgumentException("the gRPC API takes Reed-Solomon codes only, not " + spec);
            }
            options.setCodec(ReedSolomon.newBuilder().setK(rs.dataCount()).setM(rs.parityCount()));
        });
        return options.build();
    }

    // --- recover -----------------------------------------------------------------------------

    public KwamNode.ObjectInfo recover(Cid object, Path out) throws KwamClientException {
        return recover(object, out, (size, done) -> { });
    }

    /** Sees the object's size once, then the running total of bytes written. */
    @FunctionalInterface
    public interface RecoverProgress {
        void accept(long objectSize, long written);
    }

    /**
     * Streams the object into {@code out}, which appears (replacing any file there) only after the node
     * ended the stream OK, the byte count matched and the bytes hashed to the object's content cid — so
     * even a node or a link that lies cannot leave a wrong file. On any failure there is no output.
     */
    public KwamNode.ObjectInfo recover(Cid object, Path out, RecoverProgress progress) throws KwamClientException {
        AtomicReference<KwamNode.ObjectInfo> info = new AtomicReference<>();
        MessageDigest sha256 = Cid.sha256();
        try (StagedFile file = StagedFile.beside(out)) {
            CompletionStage<?> done = grpc.recover(RecoverRequest.newBuilder().setObject(object.toString()).build())
                    .runWith(Sink.foreach((RecoverReply reply) -> {
                        if (reply.hasObject()) {
                            info.set(ProtoMessages.fromProto(reply.getObject()));
                            progress.accept(info.get().size(), 0);
                        }
                        if (!reply.getData().isEmpty()) {
                            sha256.update(reply.getData().asReadOnlyByteBuffer());
                            try {
                                file.write(reply.getData().asReadOnlyByteBuffer());
                            } catch (IOException e) {
                                throw new KwamClientException(Kind.LOCAL_IO, "recover " + object + ": cannot write "
                                        + out + ": " + e.getMessage() + "; nothing was written", e);
                            }
                            progress.accept(info.get() == null ? -1 : info.get().size(), file.written());
                        }
                    }).withAttributes(ActorAttributes.dispatcher("pekko.actor.default-blocking-io-dispatcher")), system);
            await(done, Optional.empty(), "recover " + object);
            KwamNode.ObjectInfo got = info.get();
            if (got == null) {
                throw new KwamClientException(Kind.TRANSPORT, "recover " + object + ": the node ended the stream without the object's info",
                        null);
            }
            if (file.written() != got.size()) {
                throw new KwamClientException(Kind.TRANSPORT, "recover " + object + ": the node sent " + file.written()
                        + " bytes of a " + got.size() + "-byte object; nothing was written", null);
            }
            Cid received = Cid.ofDigest(sha256.digest());
            if (!received.equals(got.contentCid())) {
                throw new KwamClientException(Kind.TRANSPORT, "recover " + object + ": the bytes received hash to " + received
                        + ", not to the object's content cid " + got.contentCid() + "; nothing was written", null);
            }
            file.commit();
            return got;
        } catch (IOException e) {
            if (e instanceof KwamClientException k) {
                throw k;
            }
            throw new KwamClientException(Kind.LOCAL_IO, "recover " + object + ": cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    // --- stat, list, status ------------------------------------------------------------------

    public KwamNode.ObjectStat stat(Cid object) throws KwamClientException {
        return ProtoMessages.fromProto(await(grpc.stat(StatRequest.newBuilder().setObject(object.toString()).build()),
                Optional.of(callTimeout), "stat " + object));
    }

    /** {@code limit} 0 means the node's default (1000). */
    public KwamNode.ObjectList listObjects(int limit) throws KwamClientException {
        return listObjects(limit, Optional.empty());
    }

    /** The page of up to {@code limit} objects after {@code after} in cid order: pass a full page's last cid to read on. */
    public KwamNode.ObjectList listObjects(int limit, Optional<Cid> after) throws KwamClientException {
        ListObjectsRequest.Builder request = ListObjectsRequest.newBuilder().setLimit(limit);
        after.ifPresent(cid -> request.setAfter(cid.toString()));
        return ProtoMessages.fromProto(await(grpc.listObjects(request.build()), Optional.of(callTimeout), "list objects"));
    }

    public KwamNode.ClusterState clusterStatus() throws KwamClientException {
        return ProtoMessages.fromProto(await(grpc.clusterStatus(ClusterStatusRequest.getDefaultInstance()), Optional.of(callTimeout),
                "cluster status"));
    }

    /** The JHMM's plan and progress, from whichever node runs it (the node at the other end asks it). */
    public dev.kwam.jhmm.RepairStatus repairs() throws KwamClientException {
        return dev.kwam.node.grpc.RepairMessages.fromProto(await(grpc.repairs(dev.kwam.node.grpc.v1.RepairsRequest.getDefaultInstance()),
                Optional.of(callTimeout), "repairs"));
    }

    /**
     * Changes the cluster-wide repair budget: the limits given (empty: unchanged), or no cap on bandwidth with
     * {@code unlimitedBandwidth}. The node records this client's certificate as the setter. Answers the report
     * after the change, with {@code budgetReplicated}; refused as {@code INVALID_ARGUMENT} for values out of bounds.
     */
    public KwamNode.RepairReport adjustRepairBudget(Optional<Integer> maxConcurrentStripes, Optional<Long> bytesPerSecond,
            boolean unlimitedBandwidth) throws KwamClientException {
        dev.kwam.node.grpc.v1.RepairBudgetRequest.Builder request = dev.kwam.node.grpc.v1.RepairBudgetRequest.newBuilder()
                .setUnlimitedBandwidth(unlimitedBandwidth);
        maxConcurrentStripes.ifPresent(request::setMaxConcurrentStripes);
        bytesPerSecond.ifPresent(request::setBandwidthBytesPerSecond);
        return budgetReport(request.build());
    }

    /** Forgets any run-time override: the configured limits (the policy's, or kwam.node.repair's) are in force again. */
    public KwamNode.RepairReport resetRepairBudget() throws KwamClientException {
        return budgetReport(dev.kwam.node.grpc.v1.RepairBudgetRequest.newBuilder().setReset(true).build());
    }

    private KwamNode.RepairReport budgetReport(dev.kwam.node.grpc.v1.RepairBudgetRequest request) throws KwamClientException {
        dev.kwam.node.grpc.v1.RepairReport report = await(grpc.adjustRepairBudget(request), Optional.of(callTimeout),
                "adjust the repair budget");
        return new KwamNode.RepairReport(dev.kwam.node.grpc.RepairMessages.fromProto(report),
                report.hasBudgetReplicated() ? Optional.of(report.getBudgetReplicated()) : Optional.empty());
    }

    /**
     * Risk as a number: the fleet's durability from its live placement and measured repair rate, next to the guard's
     * target (every probability MODELED; docs/jhmm.md). UNAVAILABLE while the JHMM starts or moves.
     */
    public dev.kwam.jhmm.risk.FleetRisk durability() throws KwamClientException {
        return dev.kwam.node.grpc.DurabilityMessages.fromProto(await(grpc.durability(
                dev.kwam.node.grpc.v1.DurabilityRequest.getDefaultInstance()), Optional.of(callTimeout), "durability"));
    }

    private <T> T await(CompletionStage<T> call, Optional<Duration> timeout, String what) throws KwamClientException {
        try {
            return timeout.isPresent() ? call.toCompletableFuture().get(timeout.get().toMillis(), TimeUnit.MILLISECONDS)
                    : call.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw CallFailures.classify(what, endpoint, e.getCause());
        } catch (TimeoutException e) {
            call.toCompletableFuture().cancel(true);
            throw new KwamClientException(Kind.TIMEOUT, what + ": " + endpoint + " did not answer within "
                    + timeout.map(Duration::toSeconds).orElse(0L) + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KwamClientException(Kind.TRANSPORT, what + ": interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            grpc.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
            adminGrpc.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the connection is going away either way; nothing the caller could do about it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ownsSystem) {
                system.terminate();
                try {
                    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // terminating our own system: nothing left to release
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
