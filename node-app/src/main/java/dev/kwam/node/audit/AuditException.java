package dev.kwam.node.audit;

import dev.kwam.actors.error.KwamError;
import dev.kwam.actors.error.KwamException;

/** The audit log cannot be opened or written; the action that wanted a record must not proceed. */
public final class AuditException extends KwamException {
    private static final long serialVersionUID = 1L;

    static final String CODE = "audit.log";

    AuditException(String what, Object where, String why, String fix, Throwable cause) {
        super(KwamError.of(CODE, what, where, why, fix), cause);
    }
}
