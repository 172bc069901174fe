package dev.kwam.dsl.lower;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.diag.Suggestions;
import dev.kwam.dsl.module.ModuleResolver;
import dev.kwam.dsl.policy.FaultDomains;
import dev.kwam.dsl.policy.GuardMath;
import dev.kwam.dsl.policy.Policy;
import dev.kwam.dsl.policy.Provenance;
import dev.kwam.dsl.schema.BlockSchema;
import dev.kwam.dsl.schema.KeySpec;
import dev.kwam.dsl.schema.KindCheck;
import dev.kwam.dsl.schema.Schemas;
import dev.kwam.dsl.schema.ValueKind;
import dev.kwam.dsl.syntax.Block;
import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.syntax.Body;
import dev.kwam.dsl.syntax.Declarations;
import dev.kwam.dsl.syntax.Directive;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Program;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowering and validation of one parsed program: imports, {@code use}, {@code let} and
 * interpolation, typed references, then every rule of the reference's section 06. Each rule runs on
 * whatever evaluated cleanly, so independent errors are all reported in one run; the policy records
 * are built only when there is no error at all.
 */
public final class Lowering {

    /** What lowering needs from outside the file. {@code keyring} empty: deploys cannot be verified (KW-L020). */
    public record Context(ModuleResolver resolver, Optional<Keyring> keyring, Clock clock, boolean verifyConsent,
                          String compilerVersion) {
    }

    /** Diagnostics (empty when the policy is valid), the policy when valid, and the guard math that could be run. */
    public record Outcome(List<Diagnostic> diagnostics, Optional<Policy> policy, List<GuardMath> guardMath) {
    }

    private final SourceFile source;
    private final Program program;
    private final Context context;
    private final Diagnostics diagnostics;
    final Map<BlockKind, Map<String, Block>> blocks = new LinkedHashMap<>();
    final Map<Block, LoweredBody> lowered = new LinkedHashMap<>();
    private Map<String, Expr> hoisted = new LinkedHashMap<>();
    private boolean modulesFailed;

    private Lowering(SourceFile source, Program program, Context context) {
        this.source = source;
        this.program = program;
        this.context = context;
        this.diagnostics = new Diagnostics(source);
    }

    public static Outcome lower(SourceFile source, Program program, Context context) {
        return new Lowering(source, program, context).run();
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    SourceFile source() {
        return source;
    }

    Context context() {
        return context;
    }

    /** An import or use was refused: rules needing what it would have supplied stay silent (one diagnostic per root cause). */
    boolean modulesFailed() {
        return modulesFailed;
    }

    Map<String, Expr> hoisted() {
        return hoisted;
    }

    private Outcome run() {
        ModuleImports.Imported imported = ModuleImports.resolve(program, context.resolver(), diagnostics);
        hoist(imported);
        modulesFailed = diagnostics.hasErrors();
        Bindings bindings = new Bindings(program.lets(), imported.exports(), program.imports().stream()
                .map(i -> i.alias().text()).filter(a -> !imported.exports().containsKey(a)).collect(java.util.stream.Collectors.toSet()),
                hoisted, diagnostics);
        bindings.evaluateAll();
        for (BlockKind kind : BlockKind.values()) {
            blocks.put(kind, new LinkedHashMap<>());
        }
        for (Block b : program.blocks()) {
            blocks.get(b.kind()).put(b.name().text(), b);
            lowered.put(b, evaluate(b.body(), Schemas.of(b.kind()), bindings));
        }
        for (Block b : program.blocks()) {
            checkReferences(lowered.get(b), Schemas.of(b.kind()));
        }
        Rules rules = new Rules(this);
        Map<String, FaultDomains> faultDomains = rules.faultDomains();
        rules.images();
        rules.sandboxes();
        rules.replication();
        rules.values();
        GuardCheck guards = new GuardCheck(this, faultDomains);
        List<GuardMath> math = guards.run();
        Map<String, dev.kwam.dsl.policy.DeployBlock.Consent> consents = new ConsentCheck(this, faultDomains).run();
        List<Diagnostic> all = inFileOrder(diagnostics.all());
        if (!all.isEmpty()) {
            return new Outcome(all, Optional.empty(), math);
        }
        Provenance provenance = new Provenance(source.name(), Cid.of(source.text().getBytes(StandardCharsets.UTF_8)),
                imported.provenance(), context.compilerVersion());
        Policy policy = new PolicyBuilder(this, faultDomains, guards.byGuard, consents).build(provenance);
        return new Outcome(List.of(), Optional.of(policy), math);
    }

    private static List<Diagnostic> inFileOrder(List<Diagnostic> all) {
        List<Diagnostic> sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparingInt(d -> d.span().start()));
        return sorted;
    }

    /** {@code use fd.h100} hoists one export as {@code h100}; {@code use fd} hoists all of them. */
    private void hoist(ModuleImports.Imported imported) {
        for (Declarations.Use use : program.uses()) {
            List<String> path = use.path().path();
            String alias = path.get(0);
            Map<String, Expr> exports = imported.exports().get(alias);
            if (exports == null) {
                boolean importedButRefused = program.imports().stream().anyMatch(i -> i.alias().text().equals(alias));
                if (!importedButRefused) {
                    List<String> aliases = program.imports().stream().map(i -> i.alias().text()).toList();
                    diagnostics.error(LoweringCode.UNKNOWN_EXPORT, use.path().span(), "'" + alias + "' is not an imported module",
                            aliases, Suggestions.didYouMean(alias, aliases).orElse("import it: import \"std/faultdomains\" as " + alias));
                }
                continue;
            }
            if (path.size() == 1) {
                hoisted.putAll(exports);
                continue;
            }
            String member = String.join(".", path.subList(1, path.size()));
            Expr value = exports.get(member);
            if (value == null) {
                diagnostics.error(LoweringCode.UNKNOWN_EXPORT, use.path().span(), "module '" + alias + "' exports no '" + member + "'",
                        List.copyOf(exports.keySet()), Suggestions.didYouMean(member, exports.keySet())
                                .orElse("it exports: " + String.join(", ", exports.keySet())));
                continue;
            }
            hoisted.put(path.get(path.size() - 1), Respan.to(value, use.path().span()));
        }
    }

    private LoweredBody evaluate(Body body, BlockSchema schema, Bindings bindings) {
        Map<String, Expr> values = new LinkedHashMap<>();
        Map<String, LoweredBody> nested = new LinkedHashMap<>();
        Map<String, List<LoweredBody.Entry>> keyed = new LinkedHashMap<>();
        for (Directive d : body.directives()) {
            KeySpec spec = schema.key(d.key().text()).orElseThrow();
            if (d instanceof Directive.NestedBlock n) {
                nested.put(n.key().text(), evaluate(n.body(), spec.nested().orElseThrow(), bindings));
            } else if (d instanceof Directive.KeyedBlocks k) {
                List<LoweredBody.Entry> entries = new ArrayList<>();
                for (Directive.KeyedBlocks.Entry e : k.entries()) {
                    entries.add(new LoweredBody.Entry(e.key(), evaluate(e.body(), spec.nested().orElseThrow(), bindings)));
                }
                keyed.put(k.key().text(), entries);
            } else {
                Directive.Setting s = (Directive.Setting) d;
                Optional<Expr> value = bindings.evaluate(s.value());
                if (value.isEmpty()) {
                    continue;
                }
                // The parser checked what was written; what an interpolation or a ternary produced is checked here.
                List<KindCheck.Mismatch> mismatches = dynamic(s.value()) ? KindCheck.check(spec, value.get(), source) : List.of();
                for (KindCheck.Mismatch m : mismatches) {
                    diagnostics.error(LoweringCode.TYPE_MISMATCH, m.span(), m.message(), m.expected(), m.hint().orElse(null));
                }
                if (mismatches.isEmpty()) {
                    values.put(s.key().text(), value.get());
                }
            }
        }
        return new LoweredBody(body, values, nested, keyed);
    }

    private static boolean dynamic(Expr e) {
        if (e instanceof Expr.Interpolation || e instanceof Expr.Conditional || e instanceof Expr.Comparison) {
            return true;
        }
        if (e instanceof Expr.ListExpr l) {
            return l.elements().stream().anyMatch(Lowering::dynamic);
        }
        if (e instanceof Expr.MapExpr m) {
            return m.entries().stream().anyMatch(x -> dynamic(x.value()));
        }
        return false;
    }

    /** A reference key must name a block of its target kind: {@code deploy.server} a server, {@code trust} a policy … */
    private void checkReferences(LoweredBody body, BlockSchema schema) {
        for (KeySpec spec : schema.keys()) {
            if (spec.kind() == ValueKind.REFERENCE) {
                List<Expr> names = spec.list() ? body.list(spec.name()) : body.get(spec.name()).map(List::of).orElse(List.of());
                for (Expr n : names) {
                    LoweredBody.wordOf(n).ifPresent(name -> reference(spec, name, n));
                }
            } else if (spec.kind() == ValueKind.BLOCK) {
                body.block(spec.name()).ifPresent(b -> checkReferences(b, spec.nested().orElseThrow()));
            }
        }
    }

    private void reference(KeySpec spec, String name, Expr at) {
        BlockKind target = spec.target().orElseThrow();
        if (blocks.get(target).containsKey(name)) {
            return;
        }
        String other = blocks.entrySet().stream().filter(e -> e.getValue().containsKey(name)).map(e -> e.getKey().keyword())
                .findFirst().orElse(null);
        List<String> candidates = List.copyOf(blocks.get(target).keySet());
        String why = other != null ? "'" + name + "' is a " + other + " block, but '" + spec.name() + "' needs a " + target.keyword() + " block"
                : "there is no " + target.keyword() + " block named '" + name + "'";
        diagnostics.error(LoweringCode.UNKNOWN_REFERENCE, at.span(), why, candidates,
                Suggestions.didYouMean(name, candidates).orElse(candidates.isEmpty() ? "declare it: " + target.keyword() + " "
                        + name + " { … }" : "name one of the " + target.keyword() + " blocks: " + NameList.of(candidates)));
    }

    Optional<LoweredBody> body(BlockKind kind, String name) {
        Block b = blocks.get(kind).get(name);
        return b == null ? Optional.empty() : Optional.of(lowered.get(b));
    }

    List<Block> all(BlockKind kind) {
        return List.copyOf(blocks.get(kind).values());
    }
}
