package dev.kwam.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Directory checks shared by the commands. */
final class Directories {

    private Directories() {
    }

    /** Fails with an I/O error headed {@code what} unless {@code dir} is an existing directory. */
    static void requireExisting(Path dir, String what, String fix) throws CliException {
        if (!Files.isDirectory(dir)) {
            String why = Files.exists(dir) ? "it is a file, not a directory" : "the directory does not exist";
            throw new CliException(CliError.io(what, dir.toString(), why, fix));
        }
    }
}
