package dev.kwam.node.cli;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.grpc.RepairMessages;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kwam client repairs}: the JHMM's current plan and its progress. */
@Command(name = "repairs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show the cluster's repair plan, riskiest stripe first: what each stripe lost, where its fragments go, "
                + "how far its repair got; the parked stripes and the repair budget in force."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan is on stdout (empty when every stripe is at full redundancy)",
            "2:usage error, node unreachable or refusing, or the JHMM not answering (starting, moving)"})
final class ClientRepairsCommand implements Callable<Integer> {

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        return output.show(connection.ask(KwamClient::repairs, "cannot read the repair plan"), ClientJson::repairs,
                ClientRepairsCommand::print);
    }

    private static void print(RepairStatus status, PrintWriter out) {
        Map<Cid, RepairStatus.Progress> running = RepairMessages.running(status);
        out.printf("plan     %d stripe(s) below full redundancy, %d running, %d parked%n", status.plan().stripes().size(),
                status.running().size(), status.parked().size());
        out.printf("budget   %d stripe(s) at once, %s; from %s%n", status.limits().maxConcurrentStripes(),
                status.limits().unlimitedBandwidth() ? "unlimited bandwidth" : status.limits().bytesPerSecond() + " B/s",
                status.budgetSource().describe());
        out.printf("done     %d stripe(s) repaired, %d bytes moved%n", status.repaired(), status.bytesMoved());
        out.println("rate     " + status.rate().map(ClientDurabilityCommand::rate)
                .orElse("UNAVAILABLE (no repair has completed since the JHMM started on its current node)"));
        for (RepairPlan.StripePlan p : status.plan().stripes()) {
            String state = RepairMessages.state(p, running);
            RepairStatus.Progress pr = running.get(p.stripe());
            out.printf("%-8s spare %2d  %s  %s%s%s%n", state, p.spare(), p.stripe(), p.codec(),
                    pr == null ? "" : "  step " + pr.step() + ", " + pr.bytes() + " bytes, " + pr.failedAttempts() + " failed attempt(s)",
                    pr == null && p.deferred() ? "  until " + p.deferredUntil().orElseThrow() : "");
            out.println("         lost " + p.losses().stream().map(l -> l.index() + (l.node().isEmpty() ? "" : "@" + l.node()) + " "
                    + RepairMessages.cause(l.cause())).collect(Collectors.joining(", "))
                    + "; to " + (p.targets().isEmpty() ? "-" : p.targets().stream().map(t -> t.index() + "->" + t.node())
                            .collect(Collectors.joining(", ")))
                    + (p.unplaced().isEmpty() ? "" : "; unplaced " + p.unplaced()));
        }
        for (RepairStatus.ParkedStripe parked : status.parked()) {
            out.println("parked   " + parked.stripe() + "  since " + parked.at() + ": " + parked.reason());
        }
    }
}
