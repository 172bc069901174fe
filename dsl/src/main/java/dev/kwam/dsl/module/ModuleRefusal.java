package dev.kwam.dsl.module;

/**
 * Why an import was refused. Each reason has its own stable code, in the lowering class
 * ({@code KW-L1xx}), so scripts and the conformance corpus can pin them.
 */
public record ModuleRefusal(Code code, String module, String message, String hint) implements ModuleResolver.Resolution {

    public enum Code {
        FOREIGN_SCHEME("KW-L101"),
        ABSOLUTE_PATH("KW-L102"),
        PATH_TRAVERSAL("KW-L103"),
        MALFORMED_PATH("KW-L104"),
        NOT_FOUND("KW-L105"),
        DIGEST_MISMATCH("KW-L106"),
        UNSIGNED("KW-L107"),
        UNKNOWN_SIGNER("KW-L108"),
        BAD_SIGNATURE("KW-L109"),
        NOT_UTF8("KW-L110");

        private final String id;

        Code(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    static ModuleRefusal of(Code code, String module, String why, String hint) {
        return new ModuleRefusal(code, module, "module \"" + module + "\": " + why, hint);
    }
}
