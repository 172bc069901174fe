package dev.kwam.dsl.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.policy.ReplicateBlock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code repair { delay }}: absent means 0 (repair at once — the JHMM's 30 s promise after a {@code kill -9});
 * an operator who plans reboots opts into a delay.
 */
class RepairDelayLoweringTest {
    private static final String POLICY = """
            apiVersion "kwam.dev/v0.2"
            replicate data {
              factor 3
              anti_affinity [rack]
              codec {
                scheme rs
                data 4
                parity 2
              }
              REPAIR
            }
            """;

    private static ReplicateBlock.Repair repairOf(String repairBlock) {
        CompileResult r = PolicyCompiler.compile(SourceFile.of("p.kwam", POLICY.replace("REPAIR", repairBlock)),
                CompileOptions.standard());
        assertTrue(r.ok(), () -> DiagnosticRenderer.render(r.diagnostics()));
        return r.policy().orElseThrow().replicates().get(0).repair();
    }

    @Test
    void withoutADelayFragmentsAreRebuiltAtOnce() {
        assertEquals(Duration.ZERO, ReplicateBlock.Repair.DEFAULT.delay());
        assertEquals(Duration.ZERO, repairOf("").delay(), "no repair block");
        assertEquals(Duration.ZERO, repairOf("repair {\n    max_concurrent 2\n  }").delay(), "a repair block without delay");
    }

    @Test
    void anOperatorsDelayIsKept() {
        assertEquals(Duration.ofMinutes(10), repairOf("repair {\n    delay 10m\n  }").delay());
    }
}
