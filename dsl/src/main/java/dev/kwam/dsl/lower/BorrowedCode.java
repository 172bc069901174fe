package dev.kwam.dsl.lower;

import dev.kwam.dsl.consent.RefusalCode;
import dev.kwam.dsl.diag.DiagnosticClass;
import dev.kwam.dsl.diag.DiagnosticCode;
import dev.kwam.dsl.module.ModuleRefusal;

/**
 * A lowering code owned by another part of the module — the module store (KW-L1xx) or the consent
 * verifier (KW-L2xx) — so its refusals become diagnostics with the code they already publish.
 */
record BorrowedCode(int number, String summary) implements DiagnosticCode {

    static BorrowedCode of(ModuleRefusal.Code code) {
        return new BorrowedCode(number(code.id()), "module refused: " + code.name().toLowerCase(java.util.Locale.ROOT));
    }

    static BorrowedCode of(RefusalCode code) {
        return new BorrowedCode(number(code.code()), code.summary());
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring("KW-L".length()));
    }

    @Override
    public DiagnosticClass diagnosticClass() {
        return DiagnosticClass.LOWERING;
    }
}
