package dev.kwam.dsl;

import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.lower.Lowering;
import dev.kwam.dsl.parse.ParseResult;
import dev.kwam.dsl.parse.PolicyParser;
import java.util.List;

/**
 * The policy compiler, the {@code dsl} module's one entry point: text in, a validated, immutable
 * {@link dev.kwam.dsl.policy.Policy} or diagnostics out. Parse errors pass through unchanged; a file
 * that parses is lowered (imports, use, let, interpolation, references) and validated against every
 * rule of the language reference's section 06. Total: it returns for every input and throws nothing
 * but programming errors.
 */
public final class PolicyCompiler {
    /** Recorded in every policy's provenance; bump with any change to what lowering accepts. */
    static final String VERSION = "kwam-policy-compiler/0.2.0";

    private PolicyCompiler() {
    }

    public static CompileResult compile(SourceFile source, CompileOptions options) {
        ParseResult parsed = PolicyParser.parse(source);
        if (!parsed.ok()) {
            return new CompileResult.Refused(parsed.source(), parsed.diagnostics());
        }
        Lowering.Outcome outcome = Lowering.lower(parsed.source(), parsed.program().orElseThrow(), context(options, true));
        return outcome.policy().<CompileResult>map(p -> new CompileResult.Compiled(parsed.source(), p))
                .orElseGet(() -> new CompileResult.Refused(parsed.source(), outcome.diagnostics()));
    }

    /** Compiles a file's bytes, which must be UTF-8; {@code name} is what diagnostics print. */
    public static CompileResult compile(String name, byte[] utf8, CompileOptions options) {
        ParseResult parsed = PolicyParser.parse(name, utf8);
        if (!parsed.ok()) {
            return new CompileResult.Refused(parsed.source(), parsed.diagnostics());
        }
        return compile(parsed.source(), options);
    }

    /**
     * The guards' durability math, run even when the target is refused: what {@code kwam durability}
     * prints. Consent is not verified here (no keyring needed); every other diagnostic is returned.
     */
    public static DurabilityReport durability(String name, byte[] utf8, CompileOptions options) {
        ParseResult parsed = PolicyParser.parse(name, utf8);
        if (!parsed.ok()) {
            return new DurabilityReport(List.of(), parsed.diagnostics());
        }
        Lowering.Outcome outcome = Lowering.lower(parsed.source(), parsed.program().orElseThrow(), context(options, false));
        return new DurabilityReport(outcome.guardMath(), outcome.diagnostics());
    }

    private static Lowering.Context context(CompileOptions options, boolean verifyConsent) {
        return new Lowering.Context(options.modules(), options.keyring(), options.clock(), verifyConsent, VERSION);
    }
}
