package dev.kwam.node.config;

import dev.kwam.actors.error.KwamError;
import dev.kwam.actors.error.KwamException;

/** A configuration value the node cannot start with. */
public final class NodeConfigException extends KwamException {
    private static final long serialVersionUID = 1L;
    /** The code every configuration refusal carries. */
    public static final String CODE = "node.config";

    public NodeConfigException(String what, String where, String why, String fix, Throwable cause) {
        super(KwamError.of(CODE, what, where, why, fix), cause);
    }
}
