package dev.kwam.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk-full and I/O errors injected at the file-channel level, exactly as the kernel reports them to
 * Java, so these run on any machine; {@link TmpfsDiskFullTest} proves the same on a real full disk.
 */
class WriteFailureTest {
    private static final StoreOptions NO_RESERVE = new StoreOptions(0, 0);

    @TempDir
    Path root;

    /** When set, temp files are opened through this instead of the real channel. */
    private final AtomicReference<java.util.function.Function<FileChannel, FileChannel>> fault = new AtomicReference<>();

    private FragmentStore open(StoreOptions options) throws StoreException {
        return FragmentStore.open(root, options, path -> {
            FileChannel real = WriteChannels.DIRECT.createNew(path);
            java.util.function.Function<FileChannel, FileChannel> f = fault.get();
            return f == null ? real : f.apply(real);
        }, Clock.systemUTC());
    }

    @Test
    void diskFullMidWriteIsAClearErrorLeavesNoPartialFileAndKeepsWhatWasStored() throws IOException {
        List<Fragment> before = TestFragments.random(31, 5, 20_000);
        Fragment failing = TestFragments.random(new SplittableRandom(32), 50_000);
        try (FragmentStore store = open(NO_RESERVE)) {
            for (Fragment f : before) {
                store.put(f);
            }
            StoreSnapshot accounts = store.snapshot();
            fault.set(real -> new FailingChannel(real, 10_000, false));

            StoreException e = assertThrows(StoreException.class, () -> store.put(failing));

            assertEquals(StoreError.Code.DISK_FULL, e.code());
            assertTrue(e.getMessage().contains("the file system is full") && e.getMessage().contains("fix: free space"),
                    e.getMessage());
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.TMP)));
            assertFalse(java.nio.file.Files.exists(store.fileOf(failing.cid())));
            assertEquals(new ReadResult.NotFound(failing.cid()), store.read(failing.cid()));
            for (Fragment f : before) {
                assertArrayEquals(f.toBytes(), store.fetch(f.cid()).orElseThrow());
            }
            assertEquals(accounts.fragments(), store.snapshot().fragments());
            assertEquals(accounts.fragmentBytes(), store.snapshot().fragmentBytes());

            fault.set(null); // space freed: the same put now succeeds
            store.put(failing);
            assertArrayEquals(failing.toBytes(), store.fetch(failing.cid()).orElseThrow());
        }
    }

    @Test
    void failedFsyncIsAnIoErrorAndNothingIsRenamedIntoPlace() throws IOException {
        Fragment f = TestFragments.random(new SplittableRandom(33), 4000);
        try (FragmentStore store = open(NO_RESERVE)) {
            fault.set(real -> new FailingChannel(real, Long.MAX_VALUE, true));

            StoreException e = assertThrows(StoreException.class, () -> store.put(f));

            assertEquals(StoreError.Code.IO_ERROR, e.code());
            assertTrue(e.getMessage().contains(FailingChannel.EIO), e.getMessage());
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.TMP)));
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.FRAGMENTS)));
            assertEquals(0, store.snapshot().fragments());
        }
    }

    @Test
    void reserveRefusesNewWritesWithItsOwnErrorButStillAcceptsWhatIsAlreadyStored() throws IOException {
        Fragment held = TestFragments.random(new SplittableRandom(34), 4000);
        Fragment fresh = TestFragments.random(new SplittableRandom(35), 4000);
        try (FragmentStore store = open(NO_RESERVE)) {
            store.put(held);
        }
        // 100 % of the file system as reserve: no write can ever fit, whatever else is on this disk.
        try (FragmentStore store = open(new StoreOptions(0, 100))) {
            assertFalse(store.snapshot().acceptingWrites());

            StoreException e = assertThrows(StoreException.class, () -> store.put(fresh));

            assertEquals(StoreError.Code.RESERVE_REACHED, e.code());
            assertTrue(e.getMessage().contains("below the free-space reserve"), e.getMessage());
            assertEquals(new ReadResult.NotFound(fresh.cid()), store.read(fresh.cid()));
            assertEquals(List.of(), TestFragments.filesUnder(root.resolve(StoreLayout.TMP)));
            store.put(held); // idempotent: needs no space, so the reserve does not apply
            assertEquals(1, store.snapshot().fragments());
        }
    }
}
