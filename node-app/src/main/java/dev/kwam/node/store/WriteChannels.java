package dev.kwam.node.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the channel a temp file is written through. The seam exists so tests can make the channel
 * fail the way the kernel does (ENOSPC on write, EIO on fsync) on any machine; production always
 * uses {@link #DIRECT}.
 */
@FunctionalInterface
interface WriteChannels {
    WriteChannels DIRECT = path -> FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /** A new, empty file opened for writing; fails if {@code path} exists. */
    FileChannel createNew(Path path) throws IOException;
}
