package dev.kwam.actors.pki;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A certificate or key that KWAM refuses to use or to make: what, where (a file, when there is
 * one), why, and how to fix it — the shape the CLI prints and the node logs.
 */
public final class PkiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final transient Optional<Path> where;
    private final String why;
    private final String fix;

    public PkiException(String what, Path where, String why, String fix) {
        this(what, where, why, fix, null);
    }

    public PkiException(String what, Path where, String why, String fix, Throwable cause) {
        super(what + (where == null ? "" : " (" + where + ")") + ": " + why + "; " + fix, cause);
        this.what = what;
        this.where = Optional.ofNullable(where);
        this.why = why;
        this.fix = fix;
    }

    public String what() {
        return what;
    }

    public Optional<Path> where() {
        return where;
    }

    public String why() {
        return why;
    }

    public String fix() {
        return fix;
    }
}
