package dev.kwam.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.manifest.ManifestFormatException;
import dev.kwam.codec.sign.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KwamSdkTest {
    private static final ChunkerParams SMALL_CHUNKS = new ChunkerParams(1024, 4096, 16384);
    private static final SigningKey KEY = SigningKey.generate();

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("rs(4,2)", 0),
                Arguments.of("rs(4,2)", 1),
                Arguments.of("rs(4,2)", 1000),
                Arguments.of("rs(10,4)", 200_000),
                Arguments.of("rs(3,3)", 77_777),
                Arguments.of("lrc(6,2,2)", 150_000),
                Arguments.of("lrc(4,2,1)", 5));
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("shapes")
    void recoversTheExactBytesFromAnIntactStore(String codec, int size) throws IOException {
        byte[] data = random(size, size);
        MapFragmentStore store = new MapFragmentStore();

        Manifest manifest = Kwam.protect(data, options(codec), store);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryResult result = Kwam.recover(manifest, store, out, TrustedKeys.of(KEY.publicKey()));

        assertArrayEquals(data, out.toByteArray());
        assertEquals(Cid.of(data), manifest.objectCid());
        assertEquals(size, manifest.objectSize());
        assertTrue(result.signerTrusted());
        assertTrue(result.problems().isEmpty());
        assertEquals(manifest, Manifest.decode(manifest.encode()));
    }

    @Test
    void recoversWithParityManyFragmentsLostFromEveryStripe() throws IOException {
        byte[] data = random(300_000, 7);
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(data, options("rs(10,4)"), store);
        assertTrue(manifest.chunks().size() > 5, "want several stripes, got " + manifest.chunks().size());

        SplittableRandom rnd = new SplittableRandom(3);
        for (ChunkEntry c : manifest.chunks()) {
            int[] lost = rnd.ints(0, 14).distinct().limit(4).toArray();
            for (int i : lost) {
                store.files.remove(c.fragments().get(i));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryResult result = Kwam.recover(manifest, store, out);

        assertArrayEquals(data, out.toByteArray());
        assertFalse(result.signerTrusted());
        assertTrue(result.problems().stream().allMatch(p -> p.state() == FragmentState.MISSING));
    }

    @Test
    void corruptFragmentIsNamedAndNeverUsed() throws IOException {
        byte[] data = random(50_000, 11);
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(data, options("rs(4,2)"), store);
        Cid victim = manifest.chunks().get(0).fragments().get(1);
        store.files.get(victim)[FragmentHeader.BYTES + 5] ^= 0x01;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryResult result = Kwam.recover(manifest, store, out);

        assertArrayEquals(data, out.toByteArray());
        assertEquals(1, result.problems().size());
        FragmentProblem p = result.problems().get(0);
        assertEquals(victim, p.cid());
        assertEquals(FragmentState.CORRUPT, p.state());
        assertEquals(0, p.stripe());
        assertEquals(1, p.fragmentIndex());
    }

    @Test
    void tooFewGoodFragmentsFailsAndWritesNothingOfTheFailedStripeOrAfter() throws IOException {
        byte[] data = random(60_000, 13);
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(data, options("rs(4,2)"), store);
        assertTrue(manifest.chunks().size() >= 3);
        List<Cid> stripe1 = manifest.chunks().get(1).fragments();
        store.files.remove(stripe1.get(0));
        store.files.remove(stripe1.get(4));
        store.files.get(stripe1.get(2))[FragmentHeader.BYTES] ^= 0x40;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryException e = assertThrows(RecoveryException.class, () -> Kwam.recover(manifest, store, out));

        assertEquals(1, e.failures().size());
        StripeFailure f = e.failures().get(0);
        assertEquals(1, f.stripe());
        assertEquals(4, f.needed());
        assertEquals(3, f.good());
        assertEquals(List.of(0, 2, 4), f.problems().stream().map(FragmentProblem::fragmentIndex).sorted().toList());
        assertEquals(FragmentState.CORRUPT,
                f.problems().stream().filter(p -> p.fragmentIndex() == 2).findFirst().orElseThrow().state());
        int firstChunk = manifest.chunks().get(0).length();
        assertArrayEquals(Arrays.copyOf(data, firstChunk), out.toByteArray(), "only stripe 0 may reach the stream");
    }

    @Test
    void manifestFromAnUntrustedSignerIsRefusedBeforeAnyByteIsWritten() throws IOException {
        byte[] data = random(10_000, 17);
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(data, options("rs(4,2)"), store);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ManifestFormatException e = assertThrows(ManifestFormatException.class,
                () -> Kwam.recover(manifest, store, out, TrustedKeys.of(SigningKey.generate().publicKey())));

        assertTrue(e.getMessage().contains(KEY.publicKey().toString()), e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void alteredManifestBytesDoNotDecode() throws IOException {
        Manifest manifest = Kwam.protect(random(20_000, 19), options("rs(4,2)"), new MapFragmentStore());
        byte[] bytes = manifest.encode();
        for (int at : new int[] {30, bytes.length / 2, bytes.length - 70, bytes.length - 1}) {
            byte[] altered = bytes.clone();
            altered[at] ^= 0x01;
            assertThrows(ManifestFormatException.class, () -> Manifest.decode(altered), "flip at " + at);
        }
        assertThrows(ManifestFormatException.class, () -> Manifest.decode(Arrays.copyOf(bytes, bytes.length - 1)));
    }

    @Test
    void aManifestPromisingOtherContentIsRefusedAtTheEnd() throws IOException {
        byte[] data = random(20_000, 23);
        MapFragmentStore store = new MapFragmentStore();
        Manifest honest = Kwam.protect(data, options("rs(4,2)"), store);
        Manifest lying = Manifest.sign(honest.codec(), honest.chunkMin(), honest.chunkAvg(), honest.chunkMax(),
                honest.objectSize(), Cid.of(new byte[] {1}), honest.chunks(), KEY);

        RecoveryException e = assertThrows(RecoveryException.class,
                () -> Kwam.recover(lying, store, new ByteArrayOutputStream()));

        assertTrue(e.getMessage().contains("discard the output"), e.getMessage());
    }

    @Test
    void protectIsDeterministicAndToleratesShortReads() throws IOException {
        byte[] data = random(90_000, 29);
        Manifest whole = Kwam.protect(data, options("rs(4,2)"), new MapFragmentStore());
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        Manifest trickled = Kwam.protect(trickle, options("rs(4,2)"), new MapFragmentStore());

        assertEquals(whole.cid(), trickled.cid());
    }

    @Test
    void verifyReportsEachFragmentsStateWithoutDecoding() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(40_000, 31), options("lrc(6,2,2)"), store);
        List<Cid> stripe0 = manifest.chunks().get(0).fragments();
        store.files.remove(stripe0.get(3));
        store.files.get(stripe0.get(7))[FragmentHeader.BYTES + 1] ^= 0x10;

        HealthReport report = Kwam.verify(manifest, store);

        assertEquals(1, report.missing());
        assertEquals(1, report.corrupt());
        assertFalse(report.healthy());
        assertTrue(report.recoverable());
        StripeHealth s0 = report.stripes().get(0);
        assertEquals(FragmentState.MISSING, s0.fragments().get(3).state());
        assertEquals(FragmentState.CORRUPT, s0.fragments().get(7).state());
    }

    private static ProtectOptions options(String codec) {
        return ProtectOptions.builder().codec(CodecSpec.parse(codec)).chunker(SMALL_CHUNKS).signingKey(KEY)
                .parallelism(2).build();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
