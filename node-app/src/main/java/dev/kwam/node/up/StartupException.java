package dev.kwam.node.up;

import dev.kwam.actors.error.KwamError;
import dev.kwam.actors.error.KwamException;

/** The node could not start; the CLI prints it with exit code 2 (usage or I/O). */
public final class StartupException extends KwamException {
    private static final long serialVersionUID = 1L;
    /** The code every start-up failure carries. */
    public static final String CODE = "node.startup";

    /** {@code where}: a path or an address, {@code null} when the failure has no place. */
    public StartupException(String what, Object where, String why, String fix, Throwable cause) {
        super(KwamError.of(CODE, what, where, why, fix), cause);
    }
}
