package dev.kwam.node.config;

import java.util.Optional;

/** A configuration value the node cannot start with, said as what/where/why/fix. */
public final class NodeConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final transient Optional<String> where;
    private final String why;
    private final String fix;

    public NodeConfigException(String what, String where, String why, String fix, Throwable cause) {
        super(what + ": " + why, cause);
        this.what = what;
        this.where = Optional.ofNullable(where);
        this.why = why;
        this.fix = fix;
    }

    public String what() {
        return what;
    }

    public Optional<String> where() {
        return where;
    }

    public String why() {
        return why;
    }

    public String fix() {
        return fix;
    }
}
