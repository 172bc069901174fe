package dev.kwam.dsl.lower;

import dev.kwam.dsl.diag.DiagnosticClass;
import dev.kwam.dsl.diag.DiagnosticCode;

/**
 * Every lowering and validation error of the compiler itself, numbered for good (KW-L001…KW-L099;
 * modules own KW-L1xx, consent KW-L2xx). docs/language.md lists each with a minimal failing example
 * and dsl/src/test/resources/conformance/lower/ pins each one's position.
 */
enum LoweringCode implements DiagnosticCode {
    UNKNOWN_BINDING(1, "${…} names no let binding, hoisted symbol or module export"),
    BINDING_CYCLE(2, "let bindings refer to each other in a cycle"),
    TYPE_MISMATCH(3, "an interpolated value has the wrong kind or unit for its key"),
    COMPARISON_UNITS(4, "a comparison between values of different units, or of values that are not scalars"),
    UNKNOWN_REFERENCE(5, "a reference names no block of the kind its key requires"),
    UNKNOWN_EXPORT(6, "use or ${alias.name} names something the module does not export"),
    BAD_MODULE(7, "an imported module is not a module: it does not parse, or holds more than let bindings"),
    UNBACKED_NINES(10, "the guard's durability target is not backed by the durability model"),
    MISSING_GUARD_INPUT(11, "the durability math lacks an input (an MTBF, a recovery time, a replicate block)"),
    NO_FLEET_SHAPE(12, "no fault-domain module says how many domains each anti-affinity level has"),
    IMPOSSIBLE_GUARD_INPUT(13, "the guard's inputs are outside the model (repair not shorter than MTBF …)"),
    BAD_CODEC(14, "the replicate block's codec is incomplete or impossible"),
    NO_KEYRING(20, "a deploy's consent cannot be verified: no keyring was named"),
    NO_MATCHING_GRANT(21, "no grant of the server's trust policy lets the server's identity deploy with a named signer"),
    BAD_SCOPE(22, "a consent scope is not a valid resource name"),
    MUTABLE_IMAGE(30, "a client image is not a full sha256:<64 hex> content address"),
    SANDBOX_NONE(31, "a sandbox tier of none: running un-sandboxed is never permitted"),
    SANDBOX_BELOW_FLOOR(32, "a client's sandbox is weaker than the policy's sandbox_floor"),
    FACTOR_BELOW_MINIMUM(40, "a replication factor below 2"),
    FACTOR_ABOVE_CEILING(41, "a replication factor above its ceiling (max_factor, default 8)"),
    DEPLOY_WITHOUT_TRUST(50, "a deploy's server has no trust policy"),
    UNKNOWN_POOL(51, "a deploy targets a pool the fleet's fault-domain map does not have"),
    BAD_VALUE(52, "a value outside its key's range (a port of 0, a fanout of 0, chunk sizes out of order …)");

    private final int number;
    private final String summary;

    LoweringCode(int number, String summary) {
        this.number = number;
        this.summary = summary;
    }

    @Override
    public DiagnosticClass diagnosticClass() {
        return DiagnosticClass.LOWERING;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String summary() {
        return summary;
    }
}
