package dev.kwam.node.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pass made when a store opens, while it holds the directory lock (so no writer of ours is
 * alive): removes every temp file (a write a crash interrupted, never acknowledged: {@code put} only
 * returns after the rename), moves strays out of the fragment tree, and counts what is stored. It
 * stats every file but hashes none; verification is the scrubber's job, at its own pace.
 * Memory stays bounded by one directory listing at a time.
 */
final class StartupScan {
    private final StoreLayout layout;
    private final Quarantine quarantine;
    private final List<Path> removedTemp = new ArrayList<>();
    private final List<Path> strays = new ArrayList<>();
    private long removedTempBytes;
    private long fragments;
    private long fragmentBytes;
    private long quarantined;
    private long quarantinedBytes;

    private StartupScan(StoreLayout layout, Quarantine quarantine) {
        this.layout = layout;
        this.quarantine = quarantine;
    }

    static StartupReport run(StoreLayout layout, Quarantine quarantine) throws IOException {
        long start = System.nanoTime();
        StartupScan scan = new StartupScan(layout, quarantine);
        scan.removeTempFiles();
        scan.countFragments();
        scan.countQuarantine();
        return new StartupReport(scan.removedTemp, scan.removedTempBytes, scan.strays, scan.fragments,
                scan.fragmentBytes, scan.quarantined, scan.quarantinedBytes, Duration.ofNanos(System.nanoTime() - start));
    }

    private void removeTempFiles() throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(layout.tmp())) {
            for (Path temp : temps) {
                BasicFileAttributes attrs = Files.readAttributes(temp, BasicFileAttributes.class);
                if (attrs.isDirectory()) {
                    throw new IOException(temp + " is a directory inside the store's temp area; the store only ever "
                            + "puts files there: move it away and start again");
                }
                Files.delete(temp);
                removedTemp.add(temp);
                removedTempBytes += attrs.size();
            }
        }
        if (!removedTemp.isEmpty()) {
            DurableDirectories.fsync(layout.tmp());
        }
    }

    private void countFragments() throws IOException {
        try (DirectoryStream<Path> level1 = Files.newDirectoryStream(layout.fragments())) {
            for (Path top : level1) {
                if (!isFanOut(top)) {
                    continue;
                }
                try (DirectoryStream<Path> level2 = Files.newDirectoryStream(top)) {
                    for (Path leaf : level2) {
                        if (isFanOut(leaf)) {
                            countLeaf(leaf);
                        }
                    }
                }
            }
        }
    }

    private void countLeaf(Path leaf) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(leaf)) {
            for (Path file : files) {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                if (attrs.isRegularFile() && layout.cidOf(file).isPresent()) {
                    fragments++;
                    fragmentBytes += attrs.size();
                } else {
                    strayOut(file, "not a fragment file named by its cid in its fan-out directory");
                }
            }
        }
    }

    /** A fan-out directory, or else a stray that is moved out of the way and not descended into. */
    private boolean isFanOut(Path entry) throws IOException {
        if (Files.isDirectory(entry) && StoreLayout.isFanOutName(entry.getFileName().toString())) {
            return true;
        }
        strayOut(entry, "not a fan-out directory (two lowercase hex digits)");
        return false;
    }

    private void strayOut(Path entry, String reason) throws IOException {
        strays.add(entry);
        quarantine.moveStray(entry, reason); // counted with the rest of quarantine afterwards
    }

    private void countQuarantine() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.quarantine())) {
            for (Path file : files) {
                if (!StoreLayout.isSidecar(file)) {
                    quarantined++;
                    quarantinedBytes += Files.isRegularFile(file) ? Files.size(file) : 0;
                }
            }
        }
    }
}
