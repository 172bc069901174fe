package dev.kwam.dsl.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.TourFixtures;
import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.diag.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The lowering half of the conformance corpus, same convention as {@code conformance/parse/}:
 * every {@code .kwam} under {@code conformance/lower/} starts with {@code # expect: ok} or one
 * {@code # expect: lowering KW-Lnnn line:col} line per diagnostic. {@code grant://MINT_ME} is replaced
 * by a freshly minted, dual-controlled deploy token for {@code fleet.h100_pool*}; the keyring knows
 * both of its keys.
 */
class LowerConformanceTest {

    static Path corpus() {
        try {
            return Path.of(LowerConformanceTest.class.getResource("/conformance/lower").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.walk(corpus())) {
            return files.filter(p -> p.toString().endsWith(".kwam")).sorted().toList();
        }
    }

    static CompileResult compile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("grant://MINT_ME", TourFixtures.token());
        return PolicyCompiler.compile(SourceFile.of(file.getFileName().toString(), text), TourFixtures.OPTIONS);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGetsExactlyItsVerdict() throws IOException {
        return cases().stream().map(file -> DynamicTest.dynamicTest(corpus().relativize(file).toString(), () -> {
            List<String> expected = expectations(Files.readAllBytes(file));
            assertTrue(!expected.isEmpty(), file + " has no '# expect:' line");
            CompileResult result = compile(file);
            assertEquals(expected, verdict(result), DiagnosticRenderer.render(result.diagnostics()));
        }));
    }

    @Test
    void theCorpusExercisesEveryLoweringCode() throws IOException {
        Set<LoweringCode> seen = EnumSet.noneOf(LoweringCode.class);
        for (Path file : cases()) {
            for (String e : expectations(Files.readAllBytes(file))) {
                for (LoweringCode c : LoweringCode.values()) {
                    if (e.contains(c.id() + " ")) {
                        seen.add(c);
                    }
                }
            }
        }
        // A keyring-less run and an unreadable store are built in TourProgramCompileTest and ModuleAttacksTest.
        Set<LoweringCode> missing = EnumSet.complementOf(EnumSet.copyOf(seen));
        missing.removeAll(EnumSet.of(LoweringCode.NO_KEYRING, LoweringCode.BAD_MODULE, LoweringCode.BAD_SCOPE));
        assertEquals(Set.of(), missing);
    }

    static List<String> expectations(byte[] bytes) {
        List<String> out = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("# expect: ")) {
                break;
            }
            out.add(line.substring("# expect: ".length()).trim());
        }
        return out;
    }

    static List<String> verdict(CompileResult r) {
        if (r.ok()) {
            return List.of("ok");
        }
        List<String> out = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            out.add(d.diagnosticClass().jsonName() + " " + d.code().id() + " " + d.start());
        }
        return out;
    }

    /** Prints each case's verdict; for writing new cases, not run by the build. */
    public static void main(String[] args) throws IOException {
        for (Path file : cases()) {
            CompileResult r = compile(file);
            System.out.println("== " + corpus().relativize(file) + " " + verdict(r));
            r.diagnostics().forEach(d -> System.out.println("   " + d.message()));
        }
    }
}
