package dev.kwam.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentStoreTest {
    private static final StoreOptions NO_RESERVE = new StoreOptions(0, 0);

    @TempDir
    Path root;

    @Test
    void returnsEveryStoredFragmentByteIdenticalAndVerified() throws IOException {
        List<Fragment> fragments = TestFragments.random(1, 100, 16 << 10);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            for (Fragment f : fragments) {
                store.put(f);
            }
            long bytes = 0;
            for (Fragment f : fragments) {
                ReadResult.Found found = assertInstanceOf(ReadResult.Found.class, store.read(f.cid()));
                assertArrayEquals(f.toBytes(), found.bytes());
                assertArrayEquals(f.toBytes(), store.fetch(f.cid()).orElseThrow());
                bytes += f.size();
            }
            StoreSnapshot snap = store.snapshot();
            assertEquals(100, snap.fragments());
            assertEquals(bytes, snap.fragmentBytes());
            assertEquals(0, snap.quarantined());
            assertTrue(snap.usableBytes().isPresent() && snap.totalBytes().isPresent());
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.TMP)));
        }
    }

    @Test
    void storesUnderTwoLevelsOfFanOutNamedByTheCid() throws IOException {
        Fragment f = TestFragments.random(new SplittableRandom(2), 100);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(f);
        }
        String hex = f.cid().hex();
        Path expected = root.resolve("fragments").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
        assertArrayEquals(f.toBytes(), Files.readAllBytes(expected));
    }

    @Test
    void unknownCidIsNotFoundAndFetchesEmpty() throws IOException {
        Cid absent = Cid.of(new byte[] {1, 2, 3});
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            assertEquals(new ReadResult.NotFound(absent), store.read(absent));
            assertEquals(Optional.empty(), store.fetch(absent));
            assertEquals(new ScrubResult.NotFound(absent), store.scrub(absent));
        }
    }

    @Test
    void rePutOfAStoredFragmentKeepsTheFileAndOnlyRefreshesItsWriteTime() throws IOException {
        Fragment f = TestFragments.random(new SplittableRandom(3), 5000);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(f);
            Object inode = Files.readAttributes(store.fileOf(f.cid()), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            long modified = Files.getLastModifiedTime(store.fileOf(f.cid())).toMillis();
            store.put(f);
            store.put(f);
            assertEquals(1, store.snapshot().fragments());
            assertEquals(f.size(), store.snapshot().fragmentBytes());
            assertEquals(inode, Files.readAttributes(store.fileOf(f.cid()), java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                    "the same file, not a rewrite renamed over it");
            assertArrayEquals(f.toBytes(), Files.readAllBytes(store.fileOf(f.cid())));
            // The surplus collector keeps copies written since its cut-off; a re-put is such a write.
            assertTrue(Files.getLastModifiedTime(store.fileOf(f.cid())).toMillis() >= modified);
            assertEquals(List.of(store.fileOf(f.cid())), TestFragments.filesUnder(root.resolve(StoreLayout.FRAGMENTS)));
        }
    }

    @Test
    void refusesAFragmentWhoseBytesDoNotMatchItsCidAndStoresNothing() throws IOException {
        SplittableRandom rnd = new SplittableRandom(4);
        byte[] payload = new byte[4096];
        rnd.nextBytes(payload);
        Fragment sealed = TestFragments.random(rnd, 4096);
        // Fragment.seal keeps the caller's array: change it after sealing, as a buggy caller or bad RAM would.
        Fragment tampered = Fragment.seal(sealed.header(), payload, Cid.sha256());
        payload[100] ^= 0x01;

        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            StoreException e = assertThrows(StoreException.class, () -> store.put(tampered));

            assertEquals(StoreError.Code.FRAGMENT_MISMATCH, e.code());
            assertTrue(e.getMessage().contains("payload does not match"), e.getMessage());
            assertEquals(new ReadResult.NotFound(tampered.cid()), store.read(tampered.cid()));
            assertEquals(0, store.snapshot().fragments());
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.FRAGMENTS)));
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.TMP)));
        }
    }

    @Test
    void concurrentPutsOfTheSameAndOfDifferentCidsAllLandIntact() throws Exception {
        int threads = 8;
        List<Fragment> shared = TestFragments.random(5, 16, 4096);
        List<List<Fragment>> own = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            own.add(TestFragments.random(100 + t, 16, 4096));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Fragment> mine = own.get(t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < shared.size(); i++) {
                        store.put(shared.get(i));
                        store.put(mine.get(i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }

            List<Fragment> all = new ArrayList<>(shared);
            own.forEach(all::addAll);
            long bytes = 0;
            for (Fragment f : all) {
                assertArrayEquals(f.toBytes(), store.fetch(f.cid()).orElseThrow());
                bytes += f.size();
            }
            assertEquals(16 + threads * 16, store.snapshot().fragments());
            assertEquals(bytes, store.snapshot().fragmentBytes());
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.TMP)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleteRemovesTheFragmentAndItsBytesFromTheAccounts() throws IOException {
        List<Fragment> fragments = TestFragments.random(6, 3, 2000);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            fragments.forEach(f -> put(store, f));
            Fragment gone = fragments.get(1);

            assertTrue(store.delete(gone.cid()));
            assertFalse(store.delete(gone.cid()));

            assertEquals(new ReadResult.NotFound(gone.cid()), store.read(gone.cid()));
            assertFalse(Files.exists(store.fileOf(gone.cid())));
            assertEquals(2, store.snapshot().fragments());
            assertEquals(fragments.get(0).size() + fragments.get(2).size(), store.snapshot().fragmentBytes());
        }
    }

    @Test
    void enumeratesStoredCidsInOrderAndResumesAfterAGivenCid() throws IOException {
        List<Fragment> fragments = TestFragments.random(7, 60, 64);
        List<Cid> sorted = fragments.stream().map(Fragment::cid).sorted().toList();
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            fragments.forEach(f -> put(store, f));

            assertEquals(sorted, store.cids().toList());
            assertEquals(sorted.subList(31, 60), store.cidsAfter(sorted.get(30)).toList());
            assertEquals(List.of(), store.cidsAfter(sorted.get(59)).toList());
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstCloses() throws IOException {
        FragmentStore first = FragmentStore.open(root, NO_RESERVE);
        StoreException e = assertThrows(StoreException.class, () -> FragmentStore.open(root, NO_RESERVE));
        assertEquals(StoreError.Code.STORE_LOCKED, e.code());
        first.close();
        FragmentStore.open(root, NO_RESERVE).close();
    }

    @Test
    void aCopyIsDeletedAsSurplusOnlyWhenItWasLastWrittenBeforeTheCutOffAndARewriteRefreshesIt() throws IOException {
        Fragment f = TestFragments.random(new SplittableRandom(9), 4096);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(f);
            StoredFragment described = store.describe(f.cid()).orElseThrow();
            assertEquals(f.header().chunkCid(), described.header().chunkCid());
            assertEquals(f.header().fragmentIndex(), described.header().fragmentIndex());
            Path file = store.fileOf(f.cid());
            java.time.Instant hourAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(hourAgo.minusSeconds(60)));

            store.put(f); // a writer relies on the copy it already held: its time is fresh again
            assertFalse(store.deleteIfWrittenBefore(f.cid(), hourAgo), "a copy written since the cut-off is kept");
            assertTrue(Files.isRegularFile(file));

            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(hourAgo.minusSeconds(60)));
            assertTrue(store.deleteIfWrittenBefore(f.cid(), hourAgo));
            assertFalse(Files.exists(file));
            assertEquals(Optional.empty(), store.describe(f.cid()));
            assertFalse(store.deleteIfWrittenBefore(f.cid(), hourAgo), "gone already");
        }
    }

    private static void put(FragmentStore store, Fragment f) {
        try {
            store.put(f);
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }
}
