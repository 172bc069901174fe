package dev.kwam.node.files;

import dev.kwam.codec.DirectoryFragmentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An output file that becomes its target only whole — a recovered object, a formatted policy, a
 * signature: bytes go to a hidden temp file in the target's directory (so the final rename never
 * crosses a file system), {@link #commit()} fsyncs it, renames it over the target and fsyncs the
 * directory. {@link #close()} without commit deletes the temp file, and so does Ctrl-C (a shutdown
 * hook), so a failed or interrupted write leaves no output and an existing target untouched.
 */
public final class StagedFile implements AutoCloseable {
    public static final String SUFFIX = ".kwam-partial";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Thread cleanupOnExit;
    private long written;
    private volatile boolean committed;

    private StagedFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.cleanupOnExit = new Thread(this::deleteTemp, "kwam-remove-partial-output");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** Opens a temp file in {@code target}'s directory, which must exist. */
    public static StagedFile beside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException(absolute + " is a directory: name the file to create");
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("the directory " + dir + " does not exist");
        }
        Path temp = dir.resolve("." + absolute.getFileName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + SUFFIX);
        return new StagedFile(absolute, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    public void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            written += channel.write(bytes);
        }
    }

    /** Bytes written through {@link #write}. */
    public long written() {
        return written;
    }

    /** The open temp file, for callers that stream through their own buffering. */
    public FileChannel channel() {
        return channel;
    }

    public Path target() {
        return target;
    }

    /** Fsyncs, renames onto the target (replacing it) and fsyncs the directory. */
    public void commit() throws IOException {
        channel.force(true);
        channel.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
        DirectoryFragmentStore.fsyncDirectory(target.getParent());
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                channel.close();
                Files.deleteIfExists(temp);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException shutdownRunning) {
                // the JVM is exiting: the hook itself removes the temp file
            }
        }
    }

    private void deleteTemp() {
        if (!committed) {
            try {
                channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                System.err.println("kwam: could not remove the partial output " + temp + ": " + e.getMessage() + " (delete it by hand)");
            }
        }
    }
}
