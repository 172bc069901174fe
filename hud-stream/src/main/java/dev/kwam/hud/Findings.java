package dev.kwam.hud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives the findings from what the HUD reads: the fleet, the repairs, the durability. A reading that failed is a
 * finding of its own ({@code KW-H000}, UNAVAILABLE), never an absence of findings. Pure: the same readings give the
 * same findings; {@link FindingsBook} adds when each was first seen.
 */
public final class Findings {
    /** Affected nodes or stripes listed per finding; the count says how many there are in all. */
    public static final int MAX_AFFECTED = 50;

    private Findings() {
    }

    public static List<Finding> of(Optional<FleetReading> fleet, Optional<RepairsReading> repairs,
            Optional<DurabilityReading> durability, Map<String, String> unreadable) {
        List<Finding> out = new ArrayList<>();
        unreadable.forEach((what, why) -> out.add(new Finding("KW-H000", Finding.Severity.WARNING, "KW-H000/" + what,
                what + " could not be read", why, List.of(), List.of(), 0, Optional.empty(),
                "nothing is shown for it until it can be read: no figure is guessed", Source.UNAVAILABLE)));
        durability.ifPresent(d -> durabilityFindings(d, out));
        repairs.ifPresent(r -> repairFindings(r, out));
        fleet.ifPresent(f -> fleetFindings(f, out));
        out.sort(java.util.Comparator.comparing(Finding::severity).thenComparing(Finding::code).thenComparing(Finding::key));
        return out;
    }

    /** What on_violation does while the guard is breached, as the finding tells it. */
    private static String onViolationAction(String onViolation) {
        if (onViolation.equals("refuse")) {
            return "the JHMM repairs the exposed stripes riskiest first; new protects are refused until the guard holds again";
        }
        if (onViolation.equals("alert")) {
            return "the JHMM repairs the exposed stripes riskiest first; this finding and a durability event are the alert";
        }
        return "the JHMM repairs the exposed stripes riskiest first; on_violation " + onViolation + " is acted on as alert: "
                + "its own action is not built yet (docs/language.md)";
    }

    private static void durabilityFindings(DurabilityReading d, List<Finding> out) {
        if (d.target().isPresent() && d.fleet().isPresent() && !d.fleet().get().meetsTarget()) {
            DurabilityReading.Target t = d.target().get();
            DurabilityReading.Figure f = d.fleet().get();
            out.add(new Finding("KW-H001", Finding.Severity.CRITICAL, "KW-H001/" + t.guard(), "durability below the guard's target",
                    "guard '" + t.guard() + "' promises " + t.nines() + " nines; the live placement and repair rate give " + f.nines()
                            + " (" + f.codec() + ", dominated by " + f.dominantTerm() + " loss)",
                    List.of(), List.of(), 0, Optional.empty(), "the JHMM repairs what is below full redundancy; the guard's "
                            + "on_violation says what else happens (docs/language.md)", Source.MODELED));
        }
        d.live().filter(DurabilityReading.Live::breached).ifPresent(l -> out.add(new Finding("KW-H010", Finding.Severity.CRITICAL,
                "KW-H010/" + l.guard(), "guard breached now: on_violation " + l.onViolation(), l.reason(), List.of(),
                l.worstStripe().map(List::of).orElse(List.of()), 1, Optional.empty(), onViolationAction(l.onViolation()), Source.MODELED)));
        for (DurabilityReading.CodecClass c : d.codecs()) {
            for (DurabilityReading.Survives s : c.survives()) {
                if (s.failures() == 0 && s.domains() > 1) {
                    out.add(new Finding("KW-H005", Finding.Severity.WARNING, "KW-H005/" + c.codec() + "/" + s.level(),
                            c.codec() + " does not survive the loss of one " + s.level(),
                            "up to " + s.mostFragmentsInOne() + " fragments of one stripe share a " + s.level() + " of "
                                    + s.domains() + ": losing that " + s.level() + " loses data of " + c.stripes() + " stripe(s)' class",
                            List.of(), List.of(), c.stripes() > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) c.stripes(),
                            Optional.empty(), "no automatic action: add " + s.level() + "s, or protect with anti_affinity ["
                                    + s.level() + "] and more parity", Source.LIVE));
                }
            }
        }
    }

    private static void repairFindings(RepairsReading r, List<Finding> out) {
        RepairState state = RepairState.of(r, RepairRoutes.STALL_AFTER);
        if (!r.plan().isEmpty()) {
            int zero = (int) r.plan().stream().filter(p -> p.spare() == 0).count();
            Instant oldest = r.plan().stream().map(RepairsReading.Planned::belowFullSince).min(Instant::compareTo).orElseThrow();
            String doing = "repairs " + state.state() + ": " + state.why() + state.eta().map(e -> "; ETA " + Math.round(e.seconds())
                    + " s (" + Math.round(e.lowSeconds()) + "–" + Math.round(e.highSeconds()) + " s, MODELED)").orElse("");
            out.add(new Finding("KW-H002", zero > 0 ? Finding.Severity.CRITICAL : Finding.Severity.WARNING, "KW-H002",
                    r.plan().size() + " stripe(s) below full redundancy",
                    (zero > 0 ? zero + " of them can lose no further fragment; " : "") + "below full since " + oldest,
                    List.of(), first(r.plan().stream().map(RepairsReading.Planned::stripe).toList()), r.plan().size(),
                    Optional.of(oldest), doing, r.source()));
            if (state.state().equals("stalled")) {
                out.add(new Finding("KW-H003", Finding.Severity.CRITICAL, "KW-H003", "repairs are stalled", state.why(), List.of(),
                        List.of(), r.plan().size(), Optional.empty(), "the JHMM replans on every membership change and sweep; "
                                + "see GET /api/repairs and the node's log", r.source()));
            }
        }
        if (!r.parked().isEmpty()) {
            out.add(new Finding("KW-H004", Finding.Severity.CRITICAL, "KW-H004", r.parked().size() + " stripe(s) parked",
                    "the JHMM set them aside: " + r.parked().get(0).reason() + (r.parked().size() > 1 ? " (and others)" : ""),
                    List.of(), first(r.parked().stream().map(RepairsReading.Parked::stripe).toList()), r.parked().size(),
                    r.parked().stream().map(RepairsReading.Parked::at).min(Instant::compareTo), "nothing automatic: a stripe with "
                            + "fewer than k fragments left stays unreadable unless the nodes holding the others come back; one "
                            + "parked on a census read that lagged is planned again at the next sweep (docs/jhmm.md)", r.source()));
        }
        if (r.tally().gateRefused() > 0) {
            out.add(new Finding("KW-H006", Finding.Severity.WARNING, "KW-H006", r.tally().gateRefused()
                    + " rebuilt fragment(s) refused by the SHA-256 gate", "a rebuild produced bytes whose hash is not the "
                    + "manifest's; they were never written (counted since " + r.tally().since() + ")", List.of(), List.of(), 0,
                    Optional.empty(), "the JHMM retries from other sources; a source that keeps failing is isolated", r.source()));
        }
    }

    private static void fleetFindings(FleetReading f, List<Finding> out) {
        Map<String, List<NodeRecord>> byProblem = new TreeMap<>();
        for (NodeRecord n : f.nodes()) {
            if (!n.reachable() && !"gone".equals(n.status()) && !"down".equals(n.status())) {
                byProblem.computeIfAbsent("unreachable", k -> new ArrayList<>()).add(n);
            } else if ("down".equals(n.status()) || "gone".equals(n.status())) {
                byProblem.computeIfAbsent("gone", k -> new ArrayList<>()).add(n);
            }
            if (!n.mark().isEmpty()) {
                byProblem.computeIfAbsent(n.mark(), k -> new ArrayList<>()).add(n);
            }
        }
        byProblem.forEach((problem, nodes) -> {
            List<String> names = nodes.stream().map(NodeRecord::name).sorted().toList();
            TreeSet<String> domains = new TreeSet<>();
            nodes.forEach(n -> n.domains().forEach((k, v) -> domains.add(k + "=" + v)));
            boolean marked = !problem.equals("unreachable") && !problem.equals("gone");
            out.add(new Finding(marked ? "KW-H008" : "KW-H007", marked ? Finding.Severity.INFO : Finding.Severity.WARNING,
                    (marked ? "KW-H008/" : "KW-H007/") + problem, nodes.size() + " node(s) " + problem, String.join(", ", first(names)),
                    List.copyOf(domains), first(names), names.size(), Optional.empty(), doing(problem), f.source()));
        });
        if (f.authorization().startsWith("none")) {
            out.add(new Finding("KW-H009", Finding.Severity.INFO, "KW-H009", "no authorization policy",
                    "authorization: " + f.authorization() + ": every certificate of the fleet's CA may call every method",
                    List.of(), List.of(), 0, Optional.empty(), "start the nodes with --policy FILE whose policy block has grants",
                    f.source()));
        }
    }

    private static String doing(String problem) {
        return switch (problem) {
            case "unreachable" -> "reads skip it; its fragments are repaired once it is removed from the cluster (after "
                    + "the downing delay and repair.delay)";
            case "gone" -> "the JHMM rebuilds what it held on other nodes";
            case "cordoned" -> "it keeps its fragments and serves reads; no new fragment goes to it";
            case "draining" -> "the JHMM re-places every fragment it holds; kwam node drain-status shows how far";
            case "drained" -> "it holds no fragment the census needs; it may be stopped";
            default -> "";
        };
    }

    private static List<String> first(List<String> all) {
        return all.size() <= MAX_AFFECTED ? all : all.subList(0, MAX_AFFECTED);
    }
}
