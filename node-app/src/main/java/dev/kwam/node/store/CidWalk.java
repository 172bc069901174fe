package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Stored cids in ascending order, read one leaf directory at a time (about 150 names at 10^7
 * fragments), so memory stays bounded and a scrubber can resume after the last cid it checked.
 * Files written or removed during the walk may or may not be seen; every cid stored before the walk
 * started and still stored when it ends is seen exactly once.
 */
final class CidWalk implements Iterator<Cid> {
    private final StoreLayout layout;
    private final String after;
    private final Deque<String> tops;
    private final Deque<Path> leaves = new ArrayDeque<>();
    private final Deque<Cid> pending = new ArrayDeque<>();

    /** Walks the cids strictly greater than {@code afterHex} ({@code ""} for all of them). */
    CidWalk(StoreLayout layout, String afterHex) {
        this.layout = layout;
        this.after = afterHex;
        this.tops = new ArrayDeque<>(sortedFanOut(layout.fragments(), afterHex.isEmpty() ? "" : afterHex.substring(0, 2)));
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty()) {
            if (leaves.isEmpty()) {
                if (tops.isEmpty()) {
                    return false;
                }
                String top = tops.pollFirst();
                String floor = !after.isEmpty() && after.startsWith(top) ? after.substring(2, 4) : "";
                for (String leaf : sortedFanOut(layout.fragments().resolve(top), floor)) {
                    leaves.addLast(layout.fragments().resolve(top).resolve(leaf));
                }
            } else {
                fill(leaves.pollFirst());
            }
        }
        return true;
    }

    @Override
    public Cid next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.pollFirst();
    }

    private void fill(Path leaf) {
        List<String> names = new ArrayList<>();
        for (Path file : list(leaf)) {
            String name = file.getFileName().toString();
            if (name.compareTo(after) > 0 && layout.cidOf(file).isPresent()) {
                names.add(name);
            }
        }
        Collections.sort(names);
        for (String name : names) {
            pending.addLast(Cid.parse(Cid.PREFIX + name));
        }
    }

    /** Fan-out names in {@code dir} that are {@code >= floor}, sorted. */
    private static List<String> sortedFanOut(Path dir, String floor) {
        List<String> names = new ArrayList<>();
        for (Path entry : list(dir)) {
            String name = entry.getFileName().toString();
            if (StoreLayout.isFanOutName(name) && name.compareTo(floor) >= 0 && Files.isDirectory(entry)) {
                names.add(name);
            }
        }
        Collections.sort(names);
        return names;
    }

    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " while walking stored fragments", e);
        }
        return entries;
    }
}
