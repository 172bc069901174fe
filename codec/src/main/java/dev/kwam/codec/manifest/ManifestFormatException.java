package dev.kwam.codec.manifest;

import java.io.IOException;

/** A manifest that cannot be read, does not verify, or was not signed by a trusted key. */
public final class ManifestFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ManifestFormatException(String message) {
        super(message);
    }
}
