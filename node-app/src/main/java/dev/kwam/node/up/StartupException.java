package dev.kwam.node.up;

import java.util.Optional;

/** The node could not start; what/where/why/fix for the operator, exit code 2 (usage or I/O). */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final transient Optional<String> where;
    private final String why;
    private final String fix;

    public StartupException(String what, Object where, String why, String fix, Throwable cause) {
        super(what + ": " + why, cause);
        this.what = what;
        this.where = Optional.ofNullable(where).map(String::valueOf);
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
