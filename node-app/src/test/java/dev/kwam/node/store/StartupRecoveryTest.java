package dev.kwam.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupRecoveryTest {
    private static final StoreOptions NO_RESERVE = new StoreOptions(0, 0);

    @TempDir
    Path root;

    @Test
    void tempFilesACrashLeftAreRemovedAndReportedAtStartup() throws IOException {
        Fragment kept = TestFragments.random(new java.util.SplittableRandom(21), 1000);
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(kept);
        }
        Path tmp = root.resolve(StoreLayout.TMP);
        // What a kill -9 between write and rename leaves: a full temp file and a half-written one.
        Files.write(tmp.resolve(kept.cid().hex() + ".7.part"), kept.toBytes());
        Files.write(tmp.resolve("00ff.8.part"), new byte[333]);

        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            StartupReport report = store.startupReport();

            assertEquals(Set.of(tmp.resolve(kept.cid().hex() + ".7.part"), tmp.resolve("00ff.8.part")),
                    Set.copyOf(report.removedTempFiles()));
            assertEquals(kept.size() + 333, report.removedTempBytes());
            assertEquals(List.of(), TestFragments.filesUnder(tmp));
            assertArrayEquals(kept.toBytes(), store.fetch(kept.cid()).orElseThrow());
            assertEquals(1, report.fragments());
        }
    }

    @Test
    void filesThatAreNotFragmentsAreMovedOutOfTheTreeAtStartup() throws IOException {
        Fragment kept = TestFragments.random(new java.util.SplittableRandom(22), 1000);
        Path leaf;
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            store.put(kept);
            leaf = store.fileOf(kept.cid()).getParent();
        }
        Path misnamed = leaf.resolve("ffff" + kept.cid().hex().substring(4)); // a cid name in the wrong leaf
        Files.write(misnamed, kept.toBytes());
        Path notes = root.resolve(StoreLayout.FRAGMENTS).resolve("notes.txt");
        Files.writeString(notes, "hello");

        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            StartupReport report = store.startupReport();

            assertEquals(Set.of(misnamed, notes), Set.copyOf(report.strayFilesQuarantined()));
            assertFalse(Files.exists(misnamed));
            assertFalse(Files.exists(notes));
            assertEquals(1, report.fragments());
            assertEquals(2, report.quarantined());
            assertEquals(kept.size() + 5, report.quarantinedBytes());
            assertEquals(List.of(kept.cid()), store.cids().toList());
        }
    }

    @Test
    void accountingRebuiltByTheStartupScanMatchesWhatWasKeptIncrementally() throws IOException {
        List<Fragment> fragments = TestFragments.random(23, 30, 5000);
        StoreSnapshot before;
        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            for (Fragment f : fragments) {
                store.put(f);
            }
            store.delete(fragments.get(0).cid());
            store.delete(fragments.get(1).cid());
            Fragment bad = fragments.get(2);
            byte[] rotten = bad.toBytes();
            rotten[rotten.length - 1] ^= 0x01;
            Files.write(store.fileOf(bad.cid()), rotten);
            assertInstanceOf(ReadResult.Quarantined.class, store.read(bad.cid()));
            before = store.snapshot();
        }
        assertEquals(27, before.fragments());
        assertEquals(fragments.subList(3, 30).stream().mapToLong(Fragment::size).sum(), before.fragmentBytes());

        try (FragmentStore store = FragmentStore.open(root, NO_RESERVE)) {
            StoreSnapshot after = store.snapshot();

            assertEquals(before.fragments(), after.fragments());
            assertEquals(before.fragmentBytes(), after.fragmentBytes());
            assertEquals(1, after.quarantined());
            assertEquals(before.quarantinedBytes(), after.quarantinedBytes());
            assertEquals(fragments.get(2).size(), after.quarantinedBytes());
            assertEquals(fragments.subList(3, 30).stream().map(Fragment::cid).collect(Collectors.toSet()),
                    store.cids().collect(Collectors.toSet()));
        }
    }
}
