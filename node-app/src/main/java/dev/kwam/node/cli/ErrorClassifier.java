package dev.kwam.node.cli;

import dev.kwam.codec.manifest.ManifestFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns whatever a command threw into the error an operator reads and the exit code a script
 * sees. Commands throw {@link CliException} for failures they understand; everything else lands
 * here and is classified by type, never by message text.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** The error to print for {@code failure}; {@code expected()} is false for bugs, which get a stack trace. */
    public static Classified classify(Throwable failure) {
        if (failure instanceof CliException e) {
            return new Classified(e.error(), true);
        }
        if (failure instanceof UncheckedIOException e) {
            return classify(e.getCause());
        }
        if (failure instanceof ManifestFormatException e) {
            return new Classified(CliError.checkFailed("the manifest was refused", null, e.getMessage(),
                    "use the manifest.kwm that kwam protect wrote; if it came from someone else, ask them to re-send it"),
                    true);
        }
        if (failure instanceof FileSystemException e) {
            return new Classified(fileSystem(e), true);
        }
        if (failure instanceof IOException e) {
            return new Classified(CliError.io("an I/O operation failed", null, describe(e),
                    "check the disk, the paths and their permissions, then run the command again"), true);
        }
        return new Classified(CliError.io("internal error (a bug in kwam)", null, describe(failure),
                "please report it with the command line and the stack trace below"), false);
    }

    private static CliError fileSystem(FileSystemException e) {
        String where = e.getFile();
        String reason = e.getReason();
        if (e instanceof NoSuchFileException) {
            return CliError.io("a file or directory does not exist", where, "no such file or directory",
                    "check the path (relative paths start from " + System.getProperty("user.dir") + ")");
        }
        if (e instanceof AccessDeniedException) {
            return CliError.io("permission denied", where, reason == null ? "the operating system refused access" : reason,
                    "check the ownership and mode of the path (ls -l), or run as a user allowed to use it");
        }
        if (e instanceof FileAlreadyExistsException) {
            return CliError.io("refusing to overwrite an existing file", where,
                    reason == null ? "the file already exists" : reason,
                    "choose another path, or move the existing file away first");
        }
        if (e instanceof NotDirectoryException) {
            return CliError.io("not a directory", where, "a directory was expected here", "pass a directory path");
        }
        if (e instanceof DirectoryNotEmptyException) {
            return CliError.io("directory not empty", where, "the directory holds files", "pass an empty directory");
        }
        return CliError.io("a file operation failed", where, reason == null ? e.getClass().getSimpleName() : reason,
                "check the disk, the path and its permissions, then run the command again");
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** A classified failure; unexpected ones are bugs and always show their stack trace. */
    public record Classified(CliError error, boolean expected) {
    }
}
