package dev.kwam.dsl.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.codec.sign.SigningKey;
import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.module.DirectoryModuleStore;
import dev.kwam.dsl.module.ModulePath;
import dev.kwam.dsl.module.ModuleResolver;
import dev.kwam.dsl.module.ModuleSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on the module store through {@code import}: each refused with its code, at the import's path string. */
class ModuleAttacksTest {
    private static final SigningKey TRUSTED = SigningKey.generate();
    private static final SigningKey STRANGER = SigningKey.generate();
    private static final String MODULE = "apiVersion \"kwam.dev/v0.2\"\nlet width = 8x\n";
    private static final String PROGRAM = "apiVersion \"kwam.dev/v0.2\"\nimport \"ops/shapes\" as s\n"
            + "profile p {\n  hardware \"h100\"\n  fanout ${s.width}\n}\n";

    @TempDir
    Path store;

    private void install(String source, SigningKey signer) throws IOException {
        Files.createDirectories(store.resolve("ops"));
        Files.writeString(store.resolve("ops/shapes.kwam"), source);
        Files.writeString(store.resolve("ops/shapes.kwam.sig"), ModuleSignature.sign(new ModulePath("ops/shapes"),
                source.getBytes(StandardCharsets.UTF_8), signer).encode());
    }

    private List<String> verdict(String program) {
        CompileOptions options = CompileOptions.standard()
                .withModules(new ModuleResolver(List.of(new DirectoryModuleStore(store)), List.of(TRUSTED.publicKey())));
        CompileResult r = PolicyCompiler.compile(SourceFile.of("p.kwam", program), options);
        return r.ok() ? List.of("ok") : r.diagnostics().stream().map(d -> d.code().id() + " " + d.start()).toList();
    }

    @Test
    void aSignedModuleFromATrustedSignerIsImportedAndItsValuesUsed() throws IOException {
        install(MODULE, TRUSTED);
        assertEquals(List.of("ok"), verdict(PROGRAM));
    }

    @Test
    void aTamperedModuleIsRefusedAtTheImport() throws IOException {
        install(MODULE, TRUSTED);
        Files.writeString(store.resolve("ops/shapes.kwam"), MODULE.replace("8x", "1x"));
        assertEquals(List.of("KW-L109 2:8"), verdict(PROGRAM));
    }

    @Test
    void aModuleSignedByAnUnknownSignerIsRefused() throws IOException {
        install(MODULE, STRANGER);
        assertEquals(List.of("KW-L108 2:8"), verdict(PROGRAM));
    }

    @Test
    void aWrongDigestIsRefusedAtThePin() throws IOException {
        install(MODULE, TRUSTED);
        String pinned = PROGRAM.replace("as s\n", "as s digest \"sha256:" + "0".repeat(64) + "\"\n");
        assertEquals(List.of("KW-L106 2:33"), verdict(pinned));
    }

    @Test
    void traversalAndForeignSchemesNeverReachAStore() throws IOException {
        install(MODULE, TRUSTED);
        assertEquals(List.of("KW-L103 2:8"), verdict(PROGRAM.replace("\"ops/shapes\"", "\"ops/../../etc/passwd\"")));
        assertEquals(List.of("KW-L101 2:8"), verdict(PROGRAM.replace("\"ops/shapes\"", "\"file:ops/shapes\"")));
    }

    @Test
    void aModuleThatDeclaresBlocksIsNotAModule() throws IOException {
        install(MODULE + "metric m {\n  observe x\n  target 0\n  window 30d\n}\n", TRUSTED);
        assertEquals(List.of("KW-L007 2:8"), verdict(PROGRAM));
    }
}
