package dev.kwam.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 2 MiB tmpfs mounted for the test. Needs root (CI and the project's machines
 * run as root; there a failed mount fails the test rather than skipping it). Elsewhere it is
 * reported as skipped, and {@link WriteFailureTest} covers the same paths by injection.
 */
class TmpfsDiskFullTest {
    private static final int PAYLOAD = 100 << 10;

    @TempDir
    Path scratch;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountTinyTmpfs() throws Exception {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid), "mounting a tmpfs needs root; this runs as uid " + uid);
        mount = Files.createDirectory(scratch.resolve("tiny"));
        String out = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString());
        mounted = true;
        assertEquals(2L << 20, Files.getFileStore(mount).getTotalSpace(), "tmpfs size after mount: " + out);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mount.toString());
        }
    }

    @Test
    void aRealFullDiskFailsThePutCleanlyAndEverythingStoredBeforeIsServed() throws IOException {
        SplittableRandom rnd = new SplittableRandom(41);
        List<Fragment> stored = new ArrayList<>();
        Path filler = mount.resolve("filler");
        AtomicBoolean fillOnNextWrite = new AtomicBoolean();
        // Another process filling the disk between the store's free-space check and its write: the
        // race the check cannot close, so the kernel's own ENOSPC reaches the write.
        WriteChannels channels = path -> {
            if (fillOnNextWrite.getAndSet(false)) {
                fill(filler);
            }
            return WriteChannels.DIRECT.createNew(path);
        };
        try (FragmentStore store = FragmentStore.open(mount.resolve("cas"), new StoreOptions(0, 0), channels,
                Clock.systemUTC())) {
            StoreException predicted = putUntilRefused(store, rnd, stored);
            assertEquals(StoreError.Code.DISK_FULL, predicted.code(), predicted.getMessage());
            assertTrue(stored.size() >= 10, "stored " + stored.size() + " before the disk filled");

            store.delete(stored.remove(0).cid());
            store.delete(stored.remove(0).cid());
            Fragment unlucky = TestFragments.random(rnd, PAYLOAD);
            fillOnNextWrite.set(true);
            StoreException kernel = assertThrows(StoreException.class, () -> store.put(unlucky));

            assertEquals(StoreError.Code.DISK_FULL, kernel.code(), kernel.getMessage());
            assertTrue(kernel.getMessage().contains("No space left on device"), kernel.getMessage());
            assertEquals(List.of(), TestFragments.filesUnder(mount.resolve("cas").resolve(StoreLayout.TMP)));
            assertFalse(Files.exists(store.fileOf(unlucky.cid())));
            assertEquals(new ReadResult.NotFound(unlucky.cid()), store.read(unlucky.cid()));
            for (Fragment f : stored) {
                assertArrayEquals(f.toBytes(), store.fetch(f.cid()).orElseThrow());
            }
            assertEquals(stored.size(), store.snapshot().fragments());

            Files.delete(filler); // freeing space is all it takes to accept again
            store.put(unlucky);
            assertArrayEquals(unlucky.toBytes(), store.fetch(unlucky.cid()).orElseThrow());
        }
    }

    private static StoreException putUntilRefused(FragmentStore store, SplittableRandom rnd, List<Fragment> stored) {
        for (int i = 0; i < 40; i++) {
            Fragment f = TestFragments.random(rnd, PAYLOAD);
            try {
                store.put(f);
                stored.add(f);
            } catch (StoreException e) {
                return e;
            }
        }
        return fail("40 puts of 100 KiB fit in a 2 MiB tmpfs");
    }

    /** Writes {@code file} until the kernel says the file system is full. */
    private static void fill(Path file) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(4096);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                block.clear();
                ch.write(block);
            }
        } catch (IOException e) {
            if (!StoreError.isOutOfSpace(e)) {
                throw e;
            }
        }
    }

    @Test
    void theReserveStopsWritesBeforeTheDiskIsFull() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        long reserve = 1L << 20;
        int stored = 0;
        try (FragmentStore store = FragmentStore.open(mount.resolve("cas"), new StoreOptions(reserve, 0))) {
            for (int i = 0; i < 40; i++) {
                try {
                    store.put(TestFragments.random(rnd, PAYLOAD));
                    stored++;
                } catch (StoreException e) {
                    assertEquals(StoreError.Code.RESERVE_REACHED, e.code(), e.getMessage());
                    break;
                }
            }
            StoreSnapshot snap = store.snapshot();
            assertTrue(stored >= 5, "stored " + stored);
            assertEquals(stored, snap.fragments());
            assertTrue(snap.usableBytes().getAsLong() >= reserve - PAYLOAD,
                    "usable " + snap.usableBytes() + " left when the reserve of " + reserve + " refused");
            assertFalse(snap.acceptingWrites() && snap.usableBytes().getAsLong() - PAYLOAD >= reserve);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 30 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + out);
        return out;
    }
}
