package dev.kwam.node.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates fan-out directories so that their own names are durable before a fragment is renamed
 * into them: a rename made durable by fsyncing the leaf is lost anyway if the leaf's entry in its
 * parent never reached the disk. A directory is remembered as durable only after its parent was
 * fsynced by this process, so a writer that finds a leaf another writer has just created (and not
 * yet fsynced) fsyncs the parent itself instead of trusting it. Bounded: at most 65,536 + 256 paths.
 */
final class DurableDirectories {
    private final Set<Path> durable = ConcurrentHashMap.newKeySet();

    /** {@code roots} are already durable (created and fsynced when the store opened). */
    DurableDirectories(Path... roots) {
        durable.addAll(Set.of(roots));
    }

    void ensure(Path dir) throws IOException {
        if (durable.contains(dir)) {
            return;
        }
        Path parent = dir.getParent();
        ensure(parent);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // Made by a concurrent writer or before a restart; its entry in the parent may not be
            // durable yet, which the fsync below covers either way.
            if (!Files.isDirectory(dir)) {
                throw new NotDirectoryException(dir + " exists and is not a directory");
            }
        }
        fsync(parent);
        durable.add(dir);
    }

    /** Makes the entries (creations, renames, unlinks) inside {@code dir} durable. */
    static void fsync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
