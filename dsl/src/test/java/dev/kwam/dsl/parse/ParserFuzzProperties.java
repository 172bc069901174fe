package dev.kwam.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.fmt.FormatResult;
import dev.kwam.dsl.fmt.PolicyFormatter;
import dev.kwam.dsl.syntax.SyntaxTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated inputs: the parser returns a result for every one of them, quickly, never
 * throwing, and every diagnostic points inside the file; on every well-formed generated program
 * the formatter is idempotent and leaves the syntax tree as it was.
 */
class ParserFuzzProperties {
    /** Generous: a parse of these inputs takes well under a millisecond; a hang or a quadratic blow-up does not. */
    private static final Duration BUDGET = Duration.ofSeconds(5);

    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        try {
            out.add(Files.readAllBytes(Path.of(System.getProperty("kwam.examples"), "h100_dc.kwam")));
            for (Path p : ParseConformanceTest.cases()) {
                out.add(Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the fuzz seeds (tour and conformance corpus) must be readable", e);
        }
        return out;
    }

    private static void checkTotal(String name, byte[] input) {
        ParseResult result = assertTimeoutPreemptively(BUDGET, () -> PolicyParser.parse(name, input));
        assertEquals(result.ok(), result.diagnostics().isEmpty());
        assertEquals(result.ok(), result.program().isPresent());
        SourceFile source = result.source();
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(d.span().start() >= 0 && d.span().end() <= source.length(), d.headline());
            assertTrue(d.start().line() >= 1 && d.start().line() <= source.lineCount(), d.headline());
            assertTrue(d.start().column() >= 1, d.headline());
            assertFalse(DiagnosticRenderer.render(d).isEmpty());
        }
    }

    @Property
    void randomTextNeverBreaksTheParser(@ForAll("policyish") String text) {
        checkTotal("random.kwam", text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void randomBytesNeverBreakTheParser(@ForAll byte[] bytes) {
        checkTotal("bytes.kwam", bytes);
    }

    @Property(tries = 400)
    void mutatedProgramsNeverBreakTheParser(@ForAll("mutated") byte[] input) {
        checkTotal("mutated.kwam", input);
    }

    @Property(tries = 150)
    void generatedProgramsParseAndFormatIdempotentlyKeepingTheirSyntaxTree(@ForAll long seed) {
        String text = ProgramGenerator.program(seed);
        ParseResult parsed = PolicyParser.parse(SourceFile.of("gen.kwam", text));
        assertTrue(parsed.ok(), () -> text + "\n" + DiagnosticRenderer.render(parsed.diagnostics()));
        String once = ((FormatResult.Formatted) PolicyFormatter.format(SourceFile.of("gen.kwam", text))).text();
        FormatResult again = PolicyFormatter.format(SourceFile.of("gen.kwam", once));
        assertEquals(once, ((FormatResult.Formatted) again).text(), "fmt is idempotent");
        assertFalse(((FormatResult.Formatted) again).changed());
        assertTrue(SyntaxTrees.equalIgnoringSpans(parsed.program().orElseThrow(),
                PolicyParser.parse(SourceFile.of("fmt.kwam", once)).program().orElseThrow()), "fmt keeps the syntax tree");
    }

    @Provide
    Arbitrary<String> policyish() {
        Arbitrary<String> pieces = Arbitraries.of("apiVersion", "\"kwam.dev/v0.2\"", "server", "replicate", "policy", "grants", "factor",
                "{", "}", "[", "]", ",", "${", "\n", " ", "\t", "#", "\"", "\\", "=", "==", "?", ":", "<", "let", "x", "3", "8x",
                "30m", "4kb", "0.1%", "6nines", "10.0.0.0/8", "fd00::/8", "a-b", "a.b", "host-1.x:80", "spiffe://k/a/*",
                "secret://v/x", "grant://t", "sha256:", "…", "é", "\u0000", "*", "-", "_", ".", "/", "%");
        return pieces.list().ofMaxSize(80).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
        Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 255)).as((op, at, b) -> new int[] {op, at, b}).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(seed, edits).as(ParserFuzzProperties::apply);
    }

    /** Each edit flips a byte, deletes one, or inserts one, at a position taken modulo the length. */
    private static byte[] apply(byte[] original, List<int[]> edits) {
        List<Byte> bytes = new ArrayList<>(original.length + edits.size());
        for (byte b : original) {
            bytes.add(b);
        }
        for (int[] e : edits) {
            int at = bytes.isEmpty() ? 0 : e[1] % bytes.size();
            if (e[0] == 0 && !bytes.isEmpty()) {
                bytes.set(at, (byte) (bytes.get(at) ^ (1 << (e[2] % 8))));
            } else if (e[0] == 1 && !bytes.isEmpty()) {
                bytes.remove(at);
            } else {
                bytes.add(at, (byte) e[2]);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
