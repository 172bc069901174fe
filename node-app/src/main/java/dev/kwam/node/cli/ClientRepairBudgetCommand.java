package dev.kwam.node.cli;

import dev.kwam.jhmm.BudgetSource;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.node.api.KwamNode;
import dev.kwam.jhmm.BudgetChange;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kwam client repair-budget}: reads, sets or resets the cluster-wide repair budget at run time. The node
 * records this client's certificate (its SPIFFE ID) as the setter and keeps the budget across moves of the JHMM.
 */
@Command(name = "repair-budget",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show the cluster-wide repair budget in force and where it comes from; with options, change it.",
            "The budget is the cluster's (the JHMM runs once per cluster): --max-concurrent 2 means two stripes rebuilding "
                    + "in the whole cluster. A change is stored in the cluster, survives a move of the JHMM to another node, "
                    + "and records this certificate's SPIFFE ID as its setter; --reset returns to the policy's limits."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the budget in force (after the change, if any) is on stdout",
            "2:usage error (a value out of bounds, --reset with other options), node unreachable or refusing, "
                    + "or the JHMM not answering (starting, moving)"})
final class ClientRepairBudgetCommand implements Callable<Integer> {
    @Mixin
    private NodeConnection connection;

    @Option(names = "--max-concurrent", paramLabel = "N",
            description = "Stripes rebuilt at once in the whole cluster, 1.." + BudgetChange.MAX_CONCURRENT_STRIPES + ".")
    private Integer maxConcurrent;

    @Option(names = "--bandwidth", paramLabel = "RATE", converter = RepairRate.Converter.class,
            description = "The cluster's repair traffic cap: a size per second (50MiB/s, 200MB/s, 1gb/s; binary units, "
                    + "1MB = 1 MiB) or 'unlimited'.")
    private RepairRate bandwidth;

    @Option(names = "--reset", description = "Forget the run-time override: the policy's limits (or kwam.node.repair's "
            + "without a policy) are in force again. Not with --max-concurrent or --bandwidth.")
    private boolean reset;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        checkOptions();
        boolean change = reset || maxConcurrent != null || bandwidth != null;
        KwamNode.RepairReport report = connection.ask(client -> {
            if (!change) {
                return new KwamNode.RepairReport(client.repairs());
            }
            return reset ? client.resetRepairBudget() : client.adjustRepairBudget(Optional.ofNullable(maxConcurrent),
                    bandwidth == null || bandwidth.unlimited() ? Optional.empty() : Optional.of(bandwidth.bytesPerSecond()),
                    bandwidth != null && bandwidth.unlimited());
        }, change ? "cannot change the repair budget" : "cannot read the repair budget");
        return output.show(report, ClientJson::repairBudget, ClientRepairBudgetCommand::print);
    }

    /** The node checks the same (BudgetChange); checking first names the option and needs no connection. */
    private void checkOptions() throws CliException {
        if (reset && (maxConcurrent != null || bandwidth != null)) {
            throw new CliException(CliError.usage("--reset cannot be combined with new limits",
                    "--reset" + (maxConcurrent != null ? " --max-concurrent " + maxConcurrent : "")
                            + (bandwidth != null ? " --bandwidth …" : ""),
                    "a reset returns to the policy's limits, so new limits in the same call would be discarded",
                    "run --reset alone, or give --max-concurrent/--bandwidth alone"));
        }
        if (maxConcurrent != null && (maxConcurrent < 1 || maxConcurrent > BudgetChange.MAX_CONCURRENT_STRIPES)) {
            throw new CliException(CliError.usage("invalid --max-concurrent", "--max-concurrent " + maxConcurrent,
                    "it must be from 1 to " + BudgetChange.MAX_CONCURRENT_STRIPES + ": at least one stripe must be able to "
                            + "repair, and each running stripe holds its sources in memory",
                    "pick a number from 1 to " + BudgetChange.MAX_CONCURRENT_STRIPES + " (the policy's default is 4)"));
        }
    }

    private static void print(KwamNode.RepairReport report, PrintWriter out) {
        RepairStatus status = report.status();
        BudgetSource source = status.budgetSource();
        out.printf("budget      %d stripe(s) at once, %s%n", status.limits().maxConcurrentStripes(),
                RepairRate.describe(status.limits().bytesPerSecond()));
        out.println("source      " + source.describe());
        out.printf("configured  %d stripe(s) at once, %s, from %s%s%n", source.configured().maxConcurrentStripes(),
                RepairRate.describe(source.configured().bytesPerSecond()), source.configuredFrom(),
                source.override().isPresent() ? " (--reset returns to it)" : "");
        report.budgetReplicated().ifPresent(replicated -> out.println("stored      " + (replicated
                ? "on a majority of members"
                : "on the JHMM's node only so far (no majority answered in time; gossip carries it on)")));
    }
}
