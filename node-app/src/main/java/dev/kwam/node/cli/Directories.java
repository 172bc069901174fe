package dev.kwam.node.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Directory checks and fsync shared by the commands. */
final class Directories {

    private Directories() {
    }

    /** Makes renames inside {@code dir} durable (POSIX: fsync of the directory itself). */
    static void fsync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Fails with an I/O error headed {@code what} unless {@code dir} is an existing directory. */
    static void requireExisting(Path dir, String what, String fix) throws CliException {
        if (!Files.isDirectory(dir)) {
            String why = Files.exists(dir) ? "it is a file, not a directory" : "the directory does not exist";
            throw new CliException(CliError.io(what, dir.toString(), why, fix));
        }
    }
}
