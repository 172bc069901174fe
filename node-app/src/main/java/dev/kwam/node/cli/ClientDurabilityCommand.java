package dev.kwam.node.cli;

import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.jhmm.RepairThroughput;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.GuardTarget;
import dev.kwam.node.client.KwamClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kwam client durability}: risk as a number — the fleet's modeled durability from its live placement and repair rate. */
@Command(name = "durability",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show the fleet's durability implied by its live placement and its measured repair rate, next to the "
                + "policy guard's target and the guard's own figure; the placement per codec and fault-domain level, the node "
                + "MTTR and where it comes from, and the stripes below full redundancy now. Every probability is MODELED; "
                + "what could not be read is marked UNAVAILABLE."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the report is on stdout (whether the target is met is in it)",
            "2:usage error, node unreachable or refusing, or the JHMM not answering (starting, moving)"})
final class ClientDurabilityCommand implements Callable<Integer> {

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        return output.show(connection.ask(KwamClient::durability, "cannot read the fleet's durability"),
                ClientDurabilityJson::durability, ClientDurabilityCommand::print);
    }

    private static void print(FleetRisk r, PrintWriter out) {
        String target = r.guard().map(g -> g.targetNines() + "nines of guard '" + g.guard() + "'").orElse("UNAVAILABLE (no guard)");
        if (r.fleet().isPresent()) {
            FleetRisk.FleetFigure f = r.fleet().get();
            DurabilityEstimate w = f.worst().perStripe();
            out.printf(Locale.ROOT, "durability  %d nines (p = %.3e per stripe-year), weakest codec %s, target %s: %s  [MODELED]%n",
                    w.nines(), w.probability(), f.worstCodec(), target, f.worst().meetsTarget() ? "MEETS" : "DOES NOT MEET");
            out.printf(Locale.ROOT, "            any of the fleet's %d stripe(s) lost within a year: p = %.3e; dominant term %s%n",
                    r.stripes() - r.unresolved(), f.anyStripeLost(), f.worst().dominantTerm());
        } else {
            out.println("durability  UNAVAILABLE (see below); target " + target);
        }
        if (r.guard().isPresent()) {
            GuardTarget g = r.guard().get();
            out.printf(Locale.ROOT, "guard       '%s' with replicate %s, %s on %s %s: its own figure %d nines (p = %.3e), dominant %s "
                    + "[MODELED]%n", g.guard(), g.replicate(), g.codec(), g.fleetShape(), g.levels(), g.estimate().nines(),
                    g.estimate().probability(), g.dominantTerm());
            out.printf(Locale.ROOT, "            node_mtbf %s, domain_mtbf %s, recovery_time %s, mttr_restore %s%n", hours(g.nodeMtbf()),
                    hours(g.domainMtbf()), hours(g.recoveryTime()), hours(g.mttrRestore()));
            r.live().ifPresent(l -> out.printf(Locale.ROOT, "live guard  %s, on_violation %s: %s  [MODELED]%n",
                    l.breached() ? "BREACHED" : "holds", l.onViolation(), l.reason()));
        } else {
            out.println("guard       UNAVAILABLE (the JHMM's host runs without a policy guard)");
        }
        out.printf(Locale.ROOT, "placement   %d live node(s), %d stripe(s) (%d without a known manifest), levels %s (%s)%n", r.liveNodes(),
                r.stripes(), r.unresolved(), r.levels(), r.levelsSource());
        r.fullestNode().ifPresent(f -> out.printf(Locale.ROOT, "            fullest node %s: %d fragment(s), %d bytes%n", f.node(),
                f.fragments(), f.bytes()));
        for (FleetRisk.CodecRisk c : r.codecs()) {
            out.printf(Locale.ROOT, "  %-9s %d stripe(s), most on one node %d; %s%n", c.codec(), c.stripes(), c.mostOnOneNode(),
                    c.levels().stream().map(l -> l.level() + ": " + l.liveDomains() + " live domain(s), most " + l.mostFragments()
                            + " of a stripe in one" + (l.unlabelledNodes() > 0 ? " (" + l.unlabelledNodes() + " unlabelled)" : ""))
                            .collect(Collectors.joining("; ")));
            out.println("            " + c.modeled().map(m -> String.format(Locale.ROOT, "%d nines (p = %.3e), %s the target, dominant %s "
                    + "[MODELED]", m.perStripe().nines(), m.perStripe().probability(), m.meetsTarget() ? "meets" : "misses",
                    m.dominantTerm())).orElse(c.unavailable()));
        }
        out.println("repair rate " + r.rate().map(ClientDurabilityCommand::rate).orElse("UNAVAILABLE (no repair has completed since the "
                + "JHMM started on its current node)"));
        out.println("node MTTR   " + r.mttr().value().map(ClientDurabilityCommand::readable).orElse("UNAVAILABLE")
                + " (" + r.mttr().source() + "): " + r.mttr().explanation());
        out.println("detection   " + readable(r.mttr().detection().time()) + ": "
                + r.mttr().detection().source());
        FleetRisk.Exposure e = r.exposure();
        out.printf(Locale.ROOT, "exposure    %d stripe(s) below full redundancy%s%s; %d parked  [LIVE]%n", e.belowFull(),
                e.bySpare().isEmpty() ? "" : " (" + e.bySpare().stream().map(s -> s.stripes() + " with " + s.spare() + " to spare")
                        .collect(Collectors.joining(", ")) + ")",
                e.oldestFor().map(d -> ", the oldest for " + readable(d)).orElse(""), e.parked());
        r.unavailable().forEach(u -> out.println("UNAVAILABLE " + u));
    }

    /** e.g. {@code 1.25 MB/s measured over 12 repair(s), 3.4 s of repair time, until 2026-…  [LIVE]}. */
    static String rate(RepairThroughput t) {
        return String.format(Locale.ROOT, "%.0f B/s restored, measured over %d repair(s): %d bytes in %.1f s of repair time, until %s  [LIVE]",
                t.bytesPerSecond(), t.stripes(), t.bytesRestored(), t.seconds(), t.until());
    }

    /** Seconds up to two hours, hours beyond. */
    static String readable(java.time.Duration d) {
        double seconds = d.toMillis() / 1000.0;
        return seconds < 7200 ? String.format(Locale.ROOT, "%.1f s", seconds) : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    private static String hours(java.time.Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
