package dev.kwam.node.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.dataplane.ChunkRoutes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KwamClient} against a real data port: real mutual TLS and HTTP/2 on loopback, the real gRPC
 * service, and a node answering with the codec SDK over a real fragment store. Only {@link KwamClient}'s
 * public API is used here; raw-protocol checks are in {@link GrpcProtocolTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KwamClientTest {
    private static final int MIB = 1 << 20;

    @TempDir
    static Path root;

    private GrpcFixture fixture;
    private KwamClient client;

    @BeforeAll
    void start() throws Exception {
        fixture = GrpcFixture.start(root);
        client = KwamClient.connect("127.0.0.1", fixture.port, fixture.clientPki);
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void protectThenRecoverIsByteIdentical() throws Exception {
        byte[] original = random(3 * MIB + 12_345, 1);
        Path in = write("original.bin", original);
        KwamNode.Protected p = client.protect(in, Optional.of(new CodecSpec.ReedSolomonSpec(5, 3)));

        assertEquals(original.length, p.size());
        assertEquals(Cid.of(original), p.contentCid());
        assertTrue(p.stripes() > 3, "small chunks: several stripes, got " + p.stripes());
        assertEquals(p.object(), Manifest.decode(p.manifest()).cid(), "the manifest's cid names the object");
        assertEquals(new CodecSpec.ReedSolomonSpec(5, 3), Manifest.decode(p.manifest()).codec(), "the codec option was applied");

        Path outDir = Files.createDirectories(root.resolve("out-roundtrip"));
        Path out = outDir.resolve("recovered.bin");
        AtomicLong seenSize = new AtomicLong(-1);
        KwamNode.ObjectInfo info = client.recover(p.object(), out, (size, written) -> seenSize.set(size));
        assertArrayEquals(original, Files.readAllBytes(out));
        assertEquals(original.length, info.size());
        assertEquals(original.length, seenSize.get(), "progress learns the size from the first message");
        assertEquals(List.of(out), list(outDir), "no temp file left beside the output");
    }

    @Test
    void protectFromAStreamUsesTheNodeDefaultCodec() throws Exception {
        byte[] original = random(200_000, 2);
        KwamNode.Protected p = client.protect(new ByteArrayInputStream(original), Optional.empty());
        assertEquals(CodecBackedNode.DEFAULT_CODEC, Manifest.decode(p.manifest()).codec());
        Path out = Files.createDirectories(root.resolve("out-stream")).resolve("o.bin");
        client.recover(p.object(), out);
        assertArrayEquals(original, Files.readAllBytes(out));
    }

    @Test
    void anEmptyObjectRoundTrips() throws Exception {
        KwamNode.Protected p = client.protect(new ByteArrayInputStream(new byte[0]), Optional.empty());
        assertEquals(0, p.size());
        Path out = Files.createDirectories(root.resolve("out-empty")).resolve("empty.bin");
        client.recover(p.object(), out);
        assertEquals(0, Files.size(out));
    }

    @Test
    void recoverOfAnUnknownObjectIsNotFoundAndWritesNothing() throws Exception {
        Path outDir = Files.createDirectories(root.resolve("out-unknown"));
        Cid unknown = Cid.of(new byte[] {1, 2, 3});
        KwamClientException e = assertThrows(KwamClientException.class, () -> client.recover(unknown, outDir.resolve("x.bin")));
        assertEquals(KwamClientException.Kind.REFUSED, e.kind());
        assertEquals(Optional.of(KwamNode.ErrorCode.NOT_FOUND), e.code());
        assertEquals("NOT_FOUND", e.grpcStatus());
        assertEquals(List.of(), list(outDir), "no output and no temp file");
    }

    @Test
    void aStreamFailingMidwayLeavesNoOutputAndKeepsAnExistingFile() throws Exception {
        byte[] original = random(2 * MIB, 3);
        KwamNode.Protected p = client.protect(write("damaged.bin", original), Optional.empty());
        Manifest m = fixture.node.manifest(p.object());
        ChunkEntry last = m.chunks().get(m.chunks().size() - 1);
        // rs(4,2): losing 3 fragments of the last stripe leaves 3 < k good ones; every earlier stripe is intact.
        for (Cid lost : last.fragments().subList(0, 3)) {
            assertTrue(fixture.store.delete(lost));
        }
        Path outDir = Files.createDirectories(root.resolve("out-midway"));
        Path out = outDir.resolve("victim.bin");
        Files.writeString(out, "an older file that must survive");

        AtomicLong received = new AtomicLong();
        KwamClientException e = assertThrows(KwamClientException.class,
                () -> client.recover(p.object(), out, (size, written) -> received.set(written)));
        assertTrue(received.get() > 0, "bytes of the good stripes arrived before the failure");
        assertEquals(KwamClientException.Kind.REFUSED, e.kind(), e.toString());
        assertEquals("DATA_LOSS", e.grpcStatus());
        assertEquals(Optional.of(KwamNode.ErrorCode.UNRECOVERABLE), e.code());
        assertFalse(e.details().isEmpty(), "details name the missing fragments");
        assertTrue(e.details().stream().anyMatch(line -> line.contains(last.fragments().get(0).toString())), e.details().toString());
        assertEquals("an older file that must survive", Files.readString(out));
        assertEquals(List.of(out), list(outDir), "no temp file left");
    }

    @Test
    void statNamesEveryFragmentWithItsState() throws Exception {
        KwamNode.Protected p = client.protect(new ByteArrayInputStream(random(600_000, 4)), Optional.empty());
        Manifest m = fixture.node.manifest(p.object());
        Cid gone = m.chunks().get(0).fragments().get(1);
        assertTrue(fixture.store.delete(gone));

        KwamNode.ObjectStat stat = client.stat(p.object());
        assertEquals(p.object(), stat.object().cid());
        assertEquals(m.chunks().size(), stat.stripes().size());
        KwamNode.StripeStat first = stat.stripes().get(0);
        assertEquals(4, first.k());
        assertEquals(2, first.m());
        assertEquals(6, first.fragments().size());
        assertEquals("missing", first.fragments().get(1).state());
        assertEquals(gone, first.fragments().get(1).cid());
        assertEquals("ok", first.fragments().get(0).state());
        assertEquals(CodecBackedNode.NODE, first.fragments().get(0).node());
    }

    @Test
    void statOfAnUnknownObjectIsNotFound() {
        KwamClientException e = assertThrows(KwamClientException.class, () -> client.stat(Cid.of(new byte[] {9})));
        assertEquals(Optional.of(KwamNode.ErrorCode.NOT_FOUND), e.code());
    }

    @Test
    void listAndClusterStatus() throws Exception {
        KwamNode.Protected p = client.protect(new ByteArrayInputStream(random(1000, 5)), Optional.empty());
        assertTrue(client.listObjects(0).objects().stream().anyMatch(o -> o.cid().equals(p.object())));
        KwamNode.ClusterState state = client.clusterStatus();
        assertEquals(CodecBackedNode.NODE, state.self());
        KwamNode.MemberInfo member = state.members().get(0);
        assertEquals("up", member.status());
        assertTrue(member.reachable());
        assertEquals("r1", member.domains().get("rack"));
    }

    @Test
    void getChunkStillWorksOverHttp11OnTheSamePort() throws Exception {
        KwamNode.Protected p = client.protect(new ByteArrayInputStream(random(100_000, 6)), Optional.empty());
        Cid fragment = fixture.node.manifest(p.object()).chunks().get(0).fragments().get(0);
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            HttpClient http = HttpClient.newBuilder().version(version)
                    .sslContext(ClientTls.load(fixture.clientPki).grpcContext()).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + fixture.port + "/chunk/" + fragment)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), version.toString());
            assertEquals(version, response.version());
            assertArrayEquals(fixture.store.fetch(fragment).orElseThrow(), response.body());
            assertEquals(Optional.of(fragment.toString()), response.headers().firstValue(ChunkRoutes.CID_HEADER));
        }
    }

    @Test
    void aClientOfAnotherCaRefusesTheNode() throws Exception {
        KwamClientException e = assertThrows(KwamClientException.class,
                () -> KwamClient.connect("127.0.0.1", fixture.port, fixture.foreignPki("stranger")));
        assertEquals(KwamClientException.Kind.SERVER_NOT_TRUSTED, e.kind(), e.getMessage());
    }

    @Test
    void badConnectionsAreNamed() throws Exception {
        KwamClientException missing = assertThrows(KwamClientException.class,
                () -> KwamClient.connect("127.0.0.1", fixture.port, root.resolve("no-such-pki")));
        assertEquals(KwamClientException.Kind.PKI, missing.kind());

        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        KwamClientException unreachable = assertThrows(KwamClientException.class,
                () -> KwamClient.connect("127.0.0.1", closed, fixture.clientPki));
        assertEquals(KwamClientException.Kind.UNREACHABLE, unreachable.kind());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(root.resolve("in"));
        return Files.write(dir.resolve(name), bytes);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
