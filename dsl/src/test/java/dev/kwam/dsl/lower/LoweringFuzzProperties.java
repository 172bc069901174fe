package dev.kwam.dsl.lower;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.TourFixtures;
import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.SourceFile;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Mutated tour programs never make the compiler throw: every outcome is a policy or diagnostics
 * inside the file, within a bounded time. Mutations replace a slice of the tour with text drawn
 * from the language's own vocabulary, so most reach lowering rather than dying in the lexer.
 */
class LoweringFuzzProperties {
    private static final String TOUR = TourFixtures.tour(TourFixtures.token());
    private static final String[] WORDS = {"${fanout}", "${grant}", "${ca}", "${nope}", "11nines", "0", "1", "30m", "4kb",
        "none", "seed", "trust_root", "kwam_node", "\"sha256:abc\"", "[rack, az]", "10.0.0.0/8", "let a = ${a}\n",
        "${fanout} > 4x ? 6nines : 11nines", "use fd.tpu\n", "factor 99\n", "\n", " ", "{", "}", "fd.h100", "1 < 2"};

    @Provide
    Arbitrary<Tuple.Tuple3<Integer, Integer, String>> mutations() {
        return Arbitraries.integers().between(0, TOUR.length()).flatMap(at -> Arbitraries.integers().between(0, 40)
                .flatMap(len -> Arbitraries.of(WORDS).list().ofMaxSize(3).map(ws -> Tuple.of(at, len, String.join(" ", ws)))));
    }

    @Property(tries = 150)
    void mutatedToursYieldAPolicyOrDiagnosticsInsideTheFile(@ForAll("mutations") Tuple.Tuple3<Integer, Integer, String> m) {
        int end = Math.min(TOUR.length(), m.get1() + m.get2());
        String text = TOUR.substring(0, m.get1()) + m.get3() + TOUR.substring(end);
        CompileResult r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> PolicyCompiler.compile(SourceFile.of("fuzz.kwam", text), TourFixtures.OPTIONS));
        assertTrue(r.ok() != !r.diagnostics().isEmpty());
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(d.span().end() <= text.length() && !d.message().isEmpty(), d.headline());
        }
    }
}
