package dev.kwam.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.policy.GuardBlock;
import dev.kwam.dsl.policy.Policy;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every guard is checked against every shape of replicate block; equal shapes share one check. */
class ManyGuardsAndReplicatesTest {
    private static final Pattern BLOCK = Pattern.compile("(?s)(replicate|guard) (\\w+) \\{.*?\\n\\}\\n");

    @Test
    void twoGuardsOverThreeReplicatesOfTwoShapesCompileWithMathForEveryGuard() {
        String tour = TourFixtures.tour(TourFixtures.token());
        String replicate = block(tour, "replicate");
        String guard = block(tour, "guard");
        String text = tour
                + replicate.replace("replicate code_and_data", "replicate code_and_data_copy")
                + replicate.replace("replicate code_and_data", "replicate hot_data").replace("parity 4", "parity 5")
                + guard.replace("guard sla", "guard sla_strict");

        CompileResult r = TourFixtures.compile(text);

        assertTrue(r.ok(), () -> DiagnosticRenderer.render(r.diagnostics()));
        Policy p = r.policy().orElseThrow();
        assertEquals(2, p.guards().size());
        for (GuardBlock g : p.guards()) {
            assertEquals("code_and_data, code_and_data_copy", g.math().replicate(), "equal shapes share one check");
        }
        DurabilityReport report = PolicyCompiler.durability("t.kwam", text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TourFixtures.OPTIONS);
        assertEquals(4, report.guards().size(), "2 guards x 2 shapes");
    }

    private static String block(String text, String kind) {
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(kind)) {
                return m.group();
            }
        }
        throw new AssertionError("no " + kind + " block in the tour");
    }
}
