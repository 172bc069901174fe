package dev.kwam.node.cli;

import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityModel;
import dev.kwam.codec.durability.FaultDomainLevel;
import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.DurabilityReport;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.policy.GuardMath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kwam durability}: the math behind each guard — inputs, model, the result in nines, the
 * dominant term, the fleet shape, and how the per-bit figure scales to whole objects. Everything
 * printed is MODELED (docs/durability.md says what the model assumes). Consent is not checked here.
 */
@Command(name = "durability",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Explain the durability math behind every guard of a policy file, per bit (one stripe) on the "
                + "fleet shape of its fault-domain module, and scaled to 1 GiB and 1 TiB objects. All figures are MODELED."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every guard's target is backed by the model", "1:a target is not backed, or the math could not be run",
            "2:usage error, or the file could not be read"})
final class DurabilityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (.kwam).")
    private Path file;

    @Override
    public Integer call() throws CliException, IOException {
        DurabilityReport report = PolicyCompiler.durability(file.toString(), CheckCommand.read(file), CompileOptions.standard());
        PrintWriter out = spec.commandLine().getOut();
        for (GuardMath m : report.guards()) {
            out.print(explain(m));
        }
        if (report.guards().isEmpty()) {
            out.println(file + ": no guard's durability math could be run");
        }
        if (!report.diagnostics().isEmpty()) {
            out.print(DiagnosticRenderer.render(report.diagnostics()));
        }
        out.flush();
        boolean allBacked = !report.guards().isEmpty() && report.guards().stream().allMatch(GuardMath::backed);
        return allBacked && report.diagnostics().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    static String explain(GuardMath m) {
        DurabilityEstimate e = m.estimate();
        StringBuilder s = new StringBuilder();
        s.append("guard with replicate '").append(m.replicate()).append("'  [MODELED]\n");
        s.append("  model            ").append(DurabilityModel.NAME).append('\n');
        s.append("  codec            ").append(m.codec()).append(" (").append(m.codec().totalCount()).append(" fragments, tolerates ")
                .append(m.codec().guaranteedTolerance()).append(")\n");
        s.append("  node_mtbf        ").append(hours(m.inputs().nodeMtbf())).append('\n');
        s.append("  mttr_restore     ").append(hours(m.inputs().nodeMttr())).append("  (per bit, independent single-node loss)\n");
        s.append("  fleet shape      ").append(m.fleetShapeName()).append('\n');
        for (FaultDomainLevel l : m.inputs().domainLevels()) {
            s.append(String.format(Locale.ROOT, "    %-6s %5d domains, %d fragment(s) per domain, mtbf %s, recovery %s%n", l.name(),
                    m.fleetShape().domainsPerLevel().get(l.name()), l.fragmentsPerDomain(), hours(l.mtbf()), hours(l.recovery())));
        }
        s.append(String.format(Locale.ROOT, "  result           p = %.3e per bit per year: %d nines (target %dnines: %s)%n",
                e.probability(), e.nines(), m.targetNines(), m.backed() ? "BACKED" : "NOT BACKED, kwam check refuses it"));
        s.append(String.format(Locale.ROOT, "  independent only p = %.3e (what node-only math would claim)%n", e.independentOnlyProbability()));
        s.append(String.format(Locale.ROOT, "  correlated       p = %.3e (%.1f%% of p)%n", e.correlatedProbability(),
                e.probability() > 0 ? 100 * e.correlatedProbability() / e.probability() : 0.0));
        s.append("  dominant term    ").append(m.dominantTerm().equals("correlated") ? "correlated fault-domain loss"
                + (m.exhaustedLevel().isEmpty() ? "" : " (" + m.exhaustedLevel() + " holds more than one fragment of a stripe)")
                : m.dominantTerm()).append('\n');
        for (DurabilityEstimate.LossTerm t : e.terms()) {
            s.append(String.format(Locale.ROOT, "    completed by %-6s %.3e%n", t.trigger(), t.probability()));
        }
        s.append("  scaling (one stripe per ").append(m.chunkAvgBytes()).append("-byte average chunk)\n");
        for (long[] obj : new long[][] {{1L << 30, 0}, {1L << 40, 1}}) {
            long stripes = Math.max(1, obj[0] / m.chunkAvgBytes());
            DurabilityEstimate big = DurabilityModel.annualLossProbability(m.codec(), m.inputs().withStripesPerObject(stripes));
            s.append(String.format(Locale.ROOT, "    %-5s object   %9d stripes: p = %.3e per object-year, %d nines%n",
                    obj[1] == 0 ? "1 GiB" : "1 TiB", stripes, big.probability(), big.nines()));
        }
        return s.toString();
    }

    private static String hours(java.time.Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
