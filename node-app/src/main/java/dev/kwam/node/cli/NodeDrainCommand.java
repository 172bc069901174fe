package dev.kwam.node.cli;

import dev.kwam.node.client.AdminCalls;
import dev.kwam.node.client.KwamClientException;
import dev.kwam.node.grpc.v1.DrainProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kwam node drain NAME --grant TOKEN}: marks the node draining (consent: {@code drain} over {@code node.NAME}),
 * then follows the JHMM re-placing what it holds until the census places nothing there and the node is drained.
 */
@Command(name = "drain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Empty node NAME so it can be stopped: no new fragments land there, and the JHMM rebuilds every fragment the "
                + "census places on it onto nodes in service, each confirmed in the census before it counts. Waits, printing "
                + "progress on stderr, until the node is drained. The token must carry 'drain' over resource node.NAME "
                + "(kwam consent mint --caps drain --resource node.NAME); it is spent once, fleet-wide."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:drained (or, with --no-wait, draining)", "1:refused (the reason is on stderr), no such node, or not "
                + "drained within --timeout-minutes", "2:usage error, node unreachable"})
final class NodeDrainCommand implements Callable<Integer> {
    static final Duration POLL = Duration.ofSeconds(1);
    /** With no fragment moved for this long, the wait says so (and why it may be), once. */
    static final Duration STALL = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The node's name, as kwam client status lists it.")
    private String name;

    @Mixin
    private GrantOption grant;

    @Option(names = "--no-wait", description = "Return once the node is marked draining; follow with kwam node drain-status NAME.")
    private boolean noWait;

    @Option(names = "--timeout-minutes", paramLabel = "N", defaultValue = "120",
            description = "Give up waiting (not the drain, which goes on) after N minutes (default ${DEFAULT-VALUE}).")
    private long timeoutMinutes;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        if (timeoutMinutes < 1) {
            throw new CliException(CliError.usage("invalid --timeout-minutes " + timeoutMinutes, null, "must be at least 1",
                    "use --no-wait to return at once"));
        }
        String token = grant.text(System.in);
        PrintWriter err = spec.commandLine().getErr();
        DrainProgress last = connection.ask(client -> {
            DrainProgress p = client.admin().drain(name, token);
            err.println("drain " + name + ": marked draining; " + p.getRemaining() + " fragment(s) to re-place");
            err.flush();
            return noWait ? p : follow(client.admin(), p, err);
        }, "cannot drain " + name);
        int shown = output.show(last, AdminJson::drain, NodeDrainCommand::print);
        if (!noWait && !"drained".equals(last.getState())) {
            err.println("kwam node drain: " + name + " is not drained after " + timeoutMinutes + " min: " + last.getRemaining()
                    + " fragment(s) still placed there; the drain goes on (kwam node drain-status " + name + ")");
            return ExitCodes.CHECK_FAILED;
        }
        return shown;
    }

    private DrainProgress follow(AdminCalls admin, DrainProgress first, PrintWriter err) throws KwamClientException {
        long total = first.getRemaining();
        DrainProgress p = first;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(timeoutMinutes));
        Instant lastMove = Instant.now();
        boolean stallSaid = false;
        while (!"drained".equals(p.getState()) && Instant.now().isBefore(deadline) && pause()) {
            DrainProgress next = admin.drainStatus(name);
            if (next.getRemaining() != p.getRemaining() || !next.getState().equals(p.getState())) {
                total = Math.max(total, next.getRemaining());
                err.println("drain " + name + ": " + (total - next.getRemaining()) + " of " + total + " re-placed, "
                        + next.getRemaining() + " left (" + next.getState() + ")");
                err.flush();
                lastMove = Instant.now();
            } else if (!stallSaid && Duration.between(lastMove, Instant.now()).compareTo(STALL) > 0) {
                err.println("drain " + name + ": nothing moved for " + STALL.toSeconds() + " s; are there enough nodes in service "
                        + "for every stripe's width? (kwam client repairs shows the JHMM's plan and what it cannot place)");
                err.flush();
                stallSaid = true;
            }
            p = next;
        }
        return p;
    }

    /** False when interrupted: the wait ends with the progress last read (the drain goes on). */
    private static boolean pause() {
        try {
            Thread.sleep(POLL.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void print(DrainProgress p, PrintWriter out) {
        out.println("node      " + p.getNode());
        out.println("state     " + p.getState() + (p.getSince().isEmpty() ? "" : "  (since " + p.getSince() + " by " + p.getBy() + ")"));
        out.println("remaining " + p.getRemaining() + " fragment(s) the census places there"
                + ("drained".equals(p.getState()) ? "; it may be stopped" : ""));
    }
}
