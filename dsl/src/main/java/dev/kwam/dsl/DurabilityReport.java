package dev.kwam.dsl;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.policy.GuardMath;
import java.util.List;

/**
 * The durability math of a file's guards as far as it could be run, and every diagnostic that is
 * not about consent ({@code kwam durability} explains the nines of a file even when they are refused).
 */
public record DurabilityReport(List<GuardMath> guards, List<Diagnostic> diagnostics) {
    public DurabilityReport {
        guards = List.copyOf(guards);
        diagnostics = List.copyOf(diagnostics);
    }
}
