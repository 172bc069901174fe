package dev.kwam.node.cli;

import dev.kwam.codec.DirectoryFragmentStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An output file that appears only whole: bytes go to a hidden temp file beside the target, which
 * is fsynced and renamed onto the target by {@link #commit()}. Closing without committing deletes
 * the temp file and leaves any existing target untouched; so does Ctrl-C (a shutdown hook).
 */
final class AtomicOutputFile implements AutoCloseable {
    static final String TEMP_SUFFIX = ".kwam-partial";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final Thread cleanupOnExit;
    private volatile boolean committed;

    private AtomicOutputFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
        this.cleanupOnExit = new Thread(this::deleteTempOnExit, "kwam-remove-partial-output");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** Opens a temp file in {@code target}'s directory, which must exist. */
    static AtomicOutputFile beside(Path target) throws IOException, CliException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new CliException(CliError.io("--out is a directory", absolute.toString(),
                    "--out names the file to create, not a directory", "pass a file path, e.g. --out "
                            + absolute.resolve("recovered.bin")));
        }
        Path dir = absolute.getParent();
        Directories.requireExisting(dir, "--out must be in an existing directory", "create it first: mkdir -p " + dir);
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path temp = dir.resolve("." + absolute.getFileName() + "." + random + TEMP_SUFFIX);
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new AtomicOutputFile(absolute, temp, channel);
    }

    OutputStream stream() {
        return stream;
    }

    Path target() {
        return target;
    }

    /** Flushes, fsyncs, renames onto the target (replacing it) and fsyncs the directory. */
    void commit() throws IOException {
        stream.flush();
        channel.force(true);
        stream.close();
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
                // The JVM is already exiting: the hook itself runs and removes any temp file left.
            }
        }
    }

    private void deleteTempOnExit() {
        if (committed) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            System.err.println("kwam: could not remove the partial output " + temp + ": " + e.getMessage()
                    + " (delete it by hand)");
        }
    }
}
