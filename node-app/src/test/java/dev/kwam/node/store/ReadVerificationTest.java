package dev.kwam.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every read re-hashes; a file that fails is moved to quarantine, never served, and the accounts follow. */
class ReadVerificationTest {
    private static final StoreOptions NO_RESERVE = new StoreOptions(0, 0);
    private static final int PAYLOAD = 3000;

    @TempDir
    Path root;

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("a flipped bit in the header", (UnaryOperator<byte[]>) b -> flip(b, 30),
                        "header does not hash"),
                Arguments.of("a flipped bit in the payload", (UnaryOperator<byte[]>) b -> flip(b, FragmentHeader.BYTES + 1234),
                        "payload does not match"),
                Arguments.of("the last byte cut off", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 1),
                        "its header promises"),
                Arguments.of("one byte appended", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 1),
                        "its header promises"),
                Arguments.of("cut inside the header", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, 50),
                        "truncated fragment"),
                Arguments.of("an empty file", (UnaryOperator<byte[]>) b -> new byte[0], "truncated fragment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void aDamagedFileIsRefusedQuarantinedAndThenNotFound(String what, UnaryOperator<byte[]> damage, String reason)
            throws IOException {
        Fragment f = TestFragments.random(new SplittableRandom(11), PAYLOAD);
        Fragment intact = TestFragments.random(new SplittableRandom(12), PAYLOAD);
        byte[] damaged;
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(f);
            store.put(intact);
            damaged = damage.apply(Files.readAllBytes(store.fileOf(f.cid())));
            Files.write(store.fileOf(f.cid()), damaged);

            ReadResult.Quarantined q = assertInstanceOf(ReadResult.Quarantined.class, store.read(f.cid()));

            assertTrue(q.record().reason().contains(reason), q.record().reason());
            assertFalse(Files.exists(store.fileOf(f.cid())));
            assertEquals(List.of(q.record().file()), TestFragments.quarantined(root));
            assertArrayEquals(damaged, Files.readAllBytes(q.record().file()));
            String sidecar = Files.readString(Quarantine.sidecarOf(q.record().file()), StandardCharsets.UTF_8);
            assertTrue(sidecar.contains("cid=" + f.cid()) && sidecar.contains("reason=") && sidecar.contains("when="),
                    sidecar);
            assertEquals(new ReadResult.NotFound(f.cid()), store.read(f.cid()));
            StoreSnapshot snap = store.snapshot();
            assertEquals(1, snap.fragments());
            // The running total moves the quarantined file's size as found; a size changed behind the
            // store's back (cut, appended) is only seen by the next start-up scan, checked below.
            assertEquals(intact.size() + f.size() - damaged.length, snap.fragmentBytes());
            assertEquals(1, snap.quarantined());
            assertEquals(damaged.length, snap.quarantinedBytes());
            assertArrayEquals(intact.toBytes(), store.fetch(intact.cid()).orElseThrow());
        }
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            assertEquals(intact.size(), store.snapshot().fragmentBytes());
            assertEquals(damaged.length, store.snapshot().quarantinedBytes());
        }
    }

    @Test
    void fetchReportsCorruptionAsItsOwnExceptionNotAsAbsence() throws IOException {
        Fragment f = TestFragments.random(new SplittableRandom(13), PAYLOAD);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(f);
            Files.write(store.fileOf(f.cid()), flip(f.toBytes(), FragmentHeader.BYTES));

            CorruptFragmentException e = assertThrows(CorruptFragmentException.class, () -> store.fetch(f.cid()));

            assertEquals(StoreError.Code.CORRUPT_FRAGMENT, e.code());
            assertEquals(f.cid(), e.quarantined().cid());
            assertTrue(Files.exists(e.quarantined().file()));
            assertTrue(store.fetch(f.cid()).isEmpty());
        }
    }

    @Test
    void rePutReplacesACorruptStoredCopyAndKeepsTheOldOneInQuarantine() throws IOException {
        Fragment f = TestFragments.random(new SplittableRandom(14), PAYLOAD);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(f);
            byte[] damaged = flip(f.toBytes(), FragmentHeader.BYTES + 7);
            Files.write(store.fileOf(f.cid()), damaged);

            store.put(f);

            assertArrayEquals(f.toBytes(), Files.readAllBytes(store.fileOf(f.cid())));
            List<Path> quarantined = TestFragments.quarantined(root);
            assertEquals(1, quarantined.size());
            assertArrayEquals(damaged, Files.readAllBytes(quarantined.get(0)));
            assertEquals(1, store.snapshot().fragments());
            assertEquals(f.size(), store.snapshot().fragmentBytes());
            assertEquals(1, store.snapshot().quarantined());
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.TMP)));
        }
    }

    @Test
    void scrubQuarantinesOnlyTheDamagedFragment() throws IOException {
        List<Fragment> fragments = TestFragments.random(15, 3, PAYLOAD);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            for (Fragment f : fragments) {
                store.put(f);
            }
            Fragment bad = fragments.get(2);
            Files.write(store.fileOf(bad.cid()), flip(bad.toBytes(), bad.toBytes().length - 1));

            List<ScrubResult> results = store.cids().map(cid -> scrub(store, cid)).toList();

            assertEquals(2, results.stream().filter(r -> r instanceof ScrubResult.Intact).count());
            ScrubResult.Quarantined q = assertInstanceOf(ScrubResult.Quarantined.class,
                    results.stream().filter(r -> r.cid().equals(bad.cid())).findFirst().orElseThrow());
            assertTrue(q.record().reason().contains("payload does not match"), q.record().reason());
            assertEquals(2, store.cids().count());
            assertEquals(2, store.snapshot().fragments());
            assertEquals(1, store.snapshot().quarantined());
        }
    }

    private static ScrubResult scrub(FragmentStore store, dev.kwam.codec.Cid cid) {
        try {
            return store.scrub(cid);
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x10;
        return copy;
    }
}
