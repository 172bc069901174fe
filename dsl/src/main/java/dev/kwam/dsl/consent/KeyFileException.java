package dev.kwam.dsl.consent;

import java.io.IOException;
import java.nio.file.Path;

/** A consent key file or keyring that cannot be used, naming the file and why. */
public final class KeyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    KeyFileException(Path file, String reason) {
        this(file, reason, null);
    }

    KeyFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public String reason() {
        return reason;
    }
}
