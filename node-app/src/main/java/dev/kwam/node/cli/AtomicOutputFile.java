package dev.kwam.node.cli;

import dev.kwam.node.files.StagedFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI's view of a {@link StagedFile}: an {@code --out} checked with the CLI's error messages, and
 * a buffered stream to write into. The output appears only whole, on {@link #commit()}; closing
 * without committing (or Ctrl-C) leaves any existing target untouched.
 */
final class AtomicOutputFile implements AutoCloseable {
    private final StagedFile file;
    private final OutputStream stream;

    private AtomicOutputFile(StagedFile file) {
        this.file = file;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(file.channel()), 1 << 20);
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
        return new AtomicOutputFile(StagedFile.beside(absolute));
    }

    OutputStream stream() {
        return stream;
    }

    Path target() {
        return file.target();
    }

    /** Flushes, fsyncs, renames onto the target (replacing it) and fsyncs the directory. */
    void commit() throws IOException {
        stream.flush();
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
