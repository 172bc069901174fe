package dev.kwam.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.fmt.FormatResult;
import dev.kwam.dsl.fmt.PolicyFormatter;
import dev.kwam.dsl.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * {@code kwam fmt} may change layout, never meaning: a policy and its formatted text lower to the same
 * {@link Policy}, everything equal but the provenance's file digest (the bytes did change).
 */
class FmtPreservesPolicyTest {

    @Test
    void theTourAndItsReformattedTextLowerToTheSamePolicy() {
        String tour = TourFixtures.tour(TourFixtures.token());
        // Layout an operator might really write: odd indentation, padded spacing, blank lines.
        String messy = tour.replace("\n  ", "\n      ").replace(" {\n", "   {\n\n").replace("\nguard", "\n\n\nguard");
        assertNotEquals(tour, messy);

        Policy original = compiled(tour);
        String formatted = format(messy);
        Policy reformatted = compiled(formatted);

        assertEquals(withProvenanceOf(original, reformatted), original);
        assertNotEquals(original.provenance(), reformatted.provenance(), "the file digest names the new bytes");
        assertEquals(formatted, format(formatted), "fmt is idempotent");
    }

    private static Policy compiled(String text) {
        CompileResult r = TourFixtures.compile(text);
        assertTrue(r.ok(), () -> DiagnosticRenderer.render(r.diagnostics()));
        return r.policy().orElseThrow();
    }

    private static String format(String text) {
        FormatResult r = PolicyFormatter.format(SourceFile.of("tour.kwam", text));
        return assertInstanceOf(FormatResult.Formatted.class, r).text();
    }

    private static Policy withProvenanceOf(Policy target, Policy p) {
        return new Policy(p.servers(), p.clients(), p.discoveries(), p.replicates(), p.guards(), p.policies(), p.deploys(),
                p.metrics(), p.profiles(), target.provenance());
    }
}
