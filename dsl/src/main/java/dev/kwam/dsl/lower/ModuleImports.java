package dev.kwam.dsl.lower;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.module.ModuleRefusal;
import dev.kwam.dsl.module.ModuleResolver;
import dev.kwam.dsl.parse.ParseResult;
import dev.kwam.dsl.parse.PolicyParser;
import dev.kwam.dsl.policy.Provenance;
import dev.kwam.dsl.syntax.Declarations;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Program;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a program's imports through the module store and evaluates each module's exports.
 *
 * <p>A module is a program of {@code let} bindings and nothing else: every binding is an export.
 * It cannot import (no transitive trust to audit), declare blocks (a module supplies values, the
 * importing file decides what runs) or use. Refusals point at the import's path string.
 */
final class ModuleImports {

    record Imported(Map<String, Map<String, Expr>> exports, List<Provenance.ImportedModule> provenance) {
    }

    private ModuleImports() {
    }

    static Imported resolve(Program program, ModuleResolver resolver, Diagnostics diagnostics) {
        Map<String, Map<String, Expr>> exports = new LinkedHashMap<>();
        List<Provenance.ImportedModule> provenance = new ArrayList<>();
        for (Declarations.Import imp : program.imports()) {
            String path = imp.path().value();
            ModuleResolver.Resolution resolution;
            try {
                resolution = resolver.resolve(path, imp.digest().map(d -> d.value()));
            } catch (IOException e) {
                diagnostics.error(LoweringCode.BAD_MODULE, imp.path().span(), "module \"" + path
                        + "\" could not be read from the module store: " + e.getMessage(),
                        "check that the store directory is readable and run again");
                continue;
            }
            if (resolution instanceof ModuleRefusal r) {
                // A pin that disagrees points at the pin; every other refusal is about the path.
                boolean atDigest = r.code() == ModuleRefusal.Code.DIGEST_MISMATCH && imp.digest().isPresent();
                diagnostics.error(BorrowedCode.of(r.code()), atDigest ? imp.digest().get().span() : imp.path().span(),
                        r.message(), r.hint());
            } else if (resolution instanceof ModuleResolver.VerifiedModule module) {
                Optional<Map<String, Expr>> values = evaluate(module, imp, diagnostics);
                values.ifPresent(v -> exports.put(imp.alias().text(), v));
                provenance.add(new Provenance.ImportedModule(path, imp.alias().text(), module.digest(), module.signer().toString()));
            }
        }
        return new Imported(exports, provenance);
    }

    private static Optional<Map<String, Expr>> evaluate(ModuleResolver.VerifiedModule module, Declarations.Import imp,
                                                         Diagnostics diagnostics) {
        SourceFile source = SourceFile.of(module.path().value() + ".kwam", module.source());
        ParseResult parsed = PolicyParser.parse(source);
        if (!parsed.ok()) {
            Diagnostic first = parsed.diagnostics().get(0);
            diagnostics.error(LoweringCode.BAD_MODULE, imp.path().span(), "module \"" + module.path().value()
                    + "\" does not parse: " + first.headline(), "the module store holds it signed, so report it to its author");
            return Optional.empty();
        }
        Program p = parsed.program().orElseThrow();
        if (!p.blocks().isEmpty() || !p.imports().isEmpty() || !p.uses().isEmpty()) {
            diagnostics.error(LoweringCode.BAD_MODULE, imp.path().span(), "module \"" + module.path().value()
                    + "\" holds " + (p.blocks().isEmpty() ? "imports or use" : "blocks")
                    + "; a module is a program of let bindings only", "a module exports values; declare blocks in the importing file");
            return Optional.empty();
        }
        Diagnostics inModule = new Diagnostics(source);
        Map<String, Expr> values = new Bindings(p.lets(), Map.of(), java.util.Set.of(), Map.of(), inModule).evaluateAll();
        if (inModule.hasErrors()) {
            diagnostics.error(LoweringCode.BAD_MODULE, imp.path().span(), "module \"" + module.path().value()
                    + "\" does not evaluate: " + inModule.all().get(0).headline(), "report it to the module's author");
            return Optional.empty();
        }
        Map<String, Expr> ordered = new LinkedHashMap<>();
        p.lets().forEach(l -> ordered.put(l.name().text(), values.get(l.name().text())));
        return Optional.of(ordered);
    }
}
