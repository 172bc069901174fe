package dev.kwam.actors.pki;

import dev.kwam.actors.error.KwamError;
import dev.kwam.actors.error.KwamException;
import java.nio.file.Path;

/** A certificate or key that KWAM refuses to use or to make; {@code where} is its file, when there is one. */
public final class PkiException extends KwamException {
    private static final long serialVersionUID = 1L;
    /** The code every PKI refusal carries. */
    public static final String CODE = "pki.refused";

    public PkiException(String what, Path where, String why, String fix) {
        this(what, where, why, fix, null);
    }

    public PkiException(String what, Path where, String why, String fix, Throwable cause) {
        super(KwamError.of(CODE, what, where, why, fix), what + (where == null ? "" : " (" + where + ")") + ": " + why + "; " + fix,
                cause);
    }
}
