package dev.kwam.node.cli;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityInputs;
import dev.kwam.codec.durability.DurabilityModel;
import dev.kwam.codec.durability.FaultDomainLevel;
import dev.kwam.codec.durability.FleetSimulation;
import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.DurabilityReport;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.policy.GuardMath;
import dev.kwam.node.sim.SimInputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kwam sim}: a modeled fleet ({@link FleetSimulation}), with its losses counted and set next to the closed-form
 * model {@code kwam check} holds guards to. Every figure is MODELED and simulated. The inputs come from the policy's
 * strictest guard and the replicate block it was checked against, or from the flags, and the output says which.
 */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Simulate a fleet: node and fault-domain failures at their MTBFs, repairs after the MTTR, and the stripes "
                + "lost, counted over the simulated years next to the closed-form durability model. All figures are MODELED "
                + "(simulated). docs/sim.md explains the model."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:simulated", "1:the policy has errors or no guard", "2:usage error, or the file could not be read"})
final class SimCommand implements Callable<Integer> {
    enum Format { text, json }

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd])");

    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", required = true, paramLabel = "N", description = "Nodes in the fleet.")
    private int nodes;

    @Option(names = "--years", defaultValue = "1", paramLabel = "Y", description = "Simulated years (default 1).")
    private double years;

    @Option(names = "--policy", paramLabel = "FILE", description = "Take the MTBFs, MTTR, recovery time and codec from this "
            + "policy's strictest guard and its replicate block (else from the flags below).")
    private Path policy;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default 1): the same seed, the same fleet.")
    private long seed;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    private Format format;

    @Option(names = "--serve", paramLabel = "PORT", description = "Serve the HUD's page and API over the modeled fleet on "
            + "127.0.0.1:PORT (0: any free port) while the simulation runs at --pace; runs until stopped.")
    private Integer serve;

    @Option(names = "--pace", defaultValue = "24", paramLabel = "H", description = "With --serve: simulated hours per second "
            + "(default 24: a simulated day a second).")
    private double pace;

    @Option(names = "--nodes-per-domain", defaultValue = "40", paramLabel = "N",
            description = "Nodes in each domain of the smallest fault-domain level, e.g. a rack (default 40).")
    private int nodesPerDomain;

    @Option(names = "--fragments-per-node", defaultValue = "10000", paramLabel = "F",
            description = "Fragments each node holds, which sets the number of stripes (default 10000).")
    private long fragmentsPerNode;

    @Option(names = "--codec", defaultValue = "rs(10,4)", paramLabel = "CODEC", description = "Without --policy: the code (default rs(10,4)).")
    private String codec;

    @Option(names = "--node-mtbf", defaultValue = "35000h", paramLabel = "D", description = "Without --policy (default 35000h).")
    private String nodeMtbf;

    @Option(names = "--mttr", defaultValue = "30m", paramLabel = "D", description = "Without --policy: detection plus rebuild of "
            + "one node's fragments (default 30m).")
    private String mttr;

    @Option(names = "--domain-mtbf", defaultValue = "500000h", paramLabel = "D", description = "Without --policy (default 500000h).")
    private String domainMtbf;

    @Option(names = "--recovery", defaultValue = "6h", paramLabel = "D", description = "Without --policy: how long a failed domain "
            + "stays out (default 6h).")
    private String recovery;


    @Override
    public Integer call() throws CliException, IOException {
        if (nodes < 1 || years <= 0 || years > 10_000 || nodesPerDomain < 1 || fragmentsPerNode < 1) {
            throw new CliException(CliError.usage("kwam sim", "the options", "--nodes, --nodes-per-domain and --fragments-per-node "
                    + "must be at least 1, and --years between 0 and 10000; got " + nodes + ", " + nodesPerDomain + ", "
                    + fragmentsPerNode + ", " + years, "e.g. kwam sim --nodes 10000 --years 1"));
        }
        SimInputs in = policy == null ? fromFlags() : fromPolicy();
        if (in == null) {
            return ExitCodes.CHECK_FAILED;
        }
        long stripes = Math.max(1, nodes * fragmentsPerNode / in.codec().totalCount());
        FleetSimulation.Fleet fleet;
        try {
            fleet = new FleetSimulation.Fleet(nodes, nodesPerDomain, in.codec(), stripes, in.nodeMtbf(), in.mttr(), in.domainMtbf(),
                    in.recovery(), years);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliError.usage("kwam sim", "--nodes " + nodes + " --nodes-per-domain " + nodesPerDomain,
                    e.getMessage(), "simulate more nodes, or fewer per domain"));
        }
        DurabilityEstimate closed = DurabilityModel.annualLossProbability(in.codec(), DurabilityInputs.of(in.nodeMtbf(), in.mttr(),
                List.of(FaultDomainLevel.antiAffine(in.level(), in.domainMtbf(), in.recovery()))));
        PrintWriter out = spec.commandLine().getOut();
        if (serve != null) {
            if (serve < 0 || serve > 65_535 || !(pace > 0)) {
                throw new CliException(CliError.usage("kwam sim", "--serve " + serve + " --pace " + pace, "a port is 0 to 65535 and "
                        + "the pace a positive number of simulated hours per second", "e.g. --serve 7480 --pace 24"));
            }
            java.util.concurrent.CountDownLatch forever = new java.util.concurrent.CountDownLatch(1);
            dev.kwam.node.sim.SimServe.serve(in, fleet, seed, serve, pace, closed, out, r -> {
                out.println(format == Format.json ? SimJson.render(in, r, closed) : text(in, r, closed));
                out.println("the simulated time is over; the page keeps showing the fleet as it ended (Ctrl-C stops it)");
                out.flush();
            });
            try {
                forever.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ExitCodes.OK;
        }
        FleetSimulation.Result r = FleetSimulation.run(fleet, seed);
        out.println(format == Format.json ? SimJson.render(in, r, closed) : text(in, r, closed));
        out.flush();
        return ExitCodes.OK;
    }

    private SimInputs fromFlags() throws CliException {
        CodecSpec c;
        try {
            c = CodecSpec.parse(codec);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliError.usage("kwam sim", "--codec " + codec, e.getMessage(), "e.g. --codec rs(10,4)"));
        }
        return new SimInputs(c, duration("--node-mtbf", nodeMtbf), duration("--mttr", mttr), "rack", duration("--domain-mtbf", domainMtbf),
                duration("--recovery", recovery), "flags (no --policy): codec " + codec + ", node_mtbf " + nodeMtbf + ", mttr " + mttr
                + ", domain_mtbf " + domainMtbf + ", recovery " + recovery, java.util.Optional.empty());
    }

    private SimInputs fromPolicy() throws CliException, IOException {
        DurabilityReport report = PolicyCompiler.durability(policy.toString(), CheckCommand.read(policy), CompileOptions.standard());
        PrintWriter err = spec.commandLine().getErr();
        if (!report.diagnostics().isEmpty()) {
            err.print(DiagnosticRenderer.render(report.diagnostics()));
            err.flush();
            return null;
        }
        GuardMath strictest = report.guards().stream().max(java.util.Comparator.comparingInt(GuardMath::targetNines)).orElse(null);
        if (strictest == null) {
            err.println(policy + ": no guard: kwam sim takes the node and domain MTBFs, the MTTR and the recovery time from a guard "
                    + "(or from --node-mtbf, --mttr, --domain-mtbf and --recovery without --policy)");
            err.flush();
            return null;
        }
        DurabilityInputs d = strictest.inputs();
        FaultDomainLevel smallest = d.domainLevels().isEmpty() ? null : d.domainLevels().get(0);
        if (smallest == null) {
            err.println(policy + ": the guard's replicate block lists no anti_affinity level: kwam sim models one (e.g. anti_affinity [rack])");
            err.flush();
            return null;
        }
        return new SimInputs(strictest.codec(), d.nodeMtbf(), d.nodeMttr(), smallest.name(), smallest.mtbf(), smallest.recovery(),
                policy + ": the strictest guard (" + strictest.targetNines() + " nines) with replicate '" + strictest.replicate() + "'",
                java.util.Optional.of(new SimInputs.Target("strictest guard", strictest.targetNines(), strictest.estimate().nines(), strictest.replicate())));
    }

    private static Duration duration(String option, String text) throws CliException {
        Matcher m = DURATION.matcher(text == null ? "" : text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CliException(CliError.usage("kwam sim", option + " " + text, "expected a positive whole number and a unit: s, m, "
                    + "h or d", "e.g. " + option + " 35000h"));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String text(SimInputs in, FleetSimulation.Result r, DurabilityEstimate closed) {
        FleetSimulation.Fleet f = r.fleet();
        boolean within = r.intervalContains(closed.stripeLossesPerYear());
        return String.join("\n",
                String.format(Locale.ROOT, "kwam sim  %d nodes (%d %ss of %d), %s, %d stripes, %s year(s), seed %d  [MODELED, simulated]",
                        f.nodes(), f.racks(), in.level(), f.nodesPerRack(), f.codec(), f.stripes(), SimInputs.trim(f.years()), r.seed()),
                "inputs    " + in.source(),
                String.format(Locale.ROOT, "          node_mtbf %s, mttr %s, %s mtbf %s, recovery %s", SimInputs.hours(in.nodeMtbf()), SimInputs.hours(in.mttr()),
                        in.level(), SimInputs.hours(in.domainMtbf()), SimInputs.hours(in.recovery())),
                String.format(Locale.ROOT, "failures  %d node, %d %s; at most %d node(s) out at once", r.nodeFailures(), r.rackFailures(),
                        in.level(), r.mostNodesOut()),
                String.format(Locale.ROOT, "losses    %.3e stripes lost per year, 95 %% interval [%.3e, %.3e]; %.3e per stripe-year",
                        r.lossesPerYear(), r.low(), r.high(), r.perStripeYear()),
                String.format(Locale.ROOT, "model     %.3e per stripe-year (%s): %s", closed.stripeLossesPerYear(),
                        closed.model().split(" ")[0], comparable(r).orElse(within ? "within the simulation's interval"
                                : "OUTSIDE the simulation's interval")),
                String.format(Locale.ROOT, "took      %.2f s", r.wallNanos() / 1e9));
    }

    /** Fewer domain failures than this and the coincidences that dominate rare losses were not sampled. */
    static final long MIN_DOMAIN_FAILURES = 100;

    /**
     * Why the run cannot be set against the model, or empty when it can. At real MTBFs the losses come from
     * coincidences rarer than the run: 100,000 nodes over 1 year see about 35 rack failures and put the rate at a quarter
     * of the model's; over 100 years, within 10 % of it. So a run is compared only once it has seen enough domain failures.
     */
    static java.util.Optional<String> comparable(FleetSimulation.Result r) {
        if (r.rackFailures() < MIN_DOMAIN_FAILURES) {
            return java.util.Optional.of("not compared: " + r.rackFailures() + " domain failure(s) simulated, fewer than "
                    + MIN_DOMAIN_FAILURES + ", so the rare coincidences that carry the losses were not sampled (simulate more years)");
        }
        return java.util.Optional.empty();
    }

}
