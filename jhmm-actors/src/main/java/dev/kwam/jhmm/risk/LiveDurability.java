package dev.kwam.jhmm.risk;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityInputs;
import dev.kwam.codec.durability.DurabilityModel;
import dev.kwam.codec.durability.FaultDomainLevel;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairThroughput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fleet's durability from live inputs: codec's {@link DurabilityModel} — the model {@code kwam check}
 * holds a guard to — fed with the placement the census shows and the MTTR the measured repair rate implies,
 * instead of the placement the fleet shape promises and the guard's {@code mttr_restore}. With one fragment per
 * domain at every level and an MTTR equal to {@code mttr_restore}, it gives exactly the guard's own figure
 * (same function, same inputs); a crowded placement or a slow repair shows as fewer nines.
 *
 * <p>Pure: no clock, no I/O. Its cost is one pass over the stripes (a few hash-map operations per fragment)
 * plus one model run per codec in use; callers keep it off actor threads at census scale.
 */
public final class LiveDurability {
    /** Nodes without a label for a level share this one domain: an unknown is read the pessimistic way. */
    private static final String UNLABELLED = "\u0000unlabelled";

    private LiveDurability() {
    }

    public static FleetRisk assess(RiskInputs in) {
        List<String> unavailable = new ArrayList<>();
        List<String> levels = in.guard().map(GuardTarget::levels).orElse(in.placementLevels());
        String levelsSource = in.guard().map(g -> "the anti_affinity of replicate '" + g.replicate() + "', which guard '"
                + g.guard() + "' was checked against").orElse(in.levelsSource());

        Map<String, Long> fragmentsOn = new HashMap<>();
        Map<String, Long> bytesOn = new HashMap<>();
        Map<String, CodecGroup> groups = new TreeMap<>();
        long unresolved = 0;
        for (LiveStripe s : in.stripes()) {
            List<String> holders = s.holders().stream().filter(in.liveNodes()::containsKey).toList();
            holders.forEach(n -> fragmentsOn.merge(n, 1L, Long::sum));
            if (s.shape().isEmpty()) {
                unresolved++;
                continue;
            }
            LiveStripe.Shape shape = s.shape().get();
            holders.forEach(n -> bytesOn.merge(n, shape.fragmentBytes(), Long::sum));
            groups.computeIfAbsent(shape.codec().toString(), c -> new CodecGroup(shape.codec(), levels.size()))
                    .add(holders, levels, in.liveNodes());
        }
        if (unresolved > 0) {
            unavailable.add("codec and fragment size of " + unresolved + " stripe(s): UNAVAILABLE (no indexed manifest describes "
                    + "them); their fragments count toward the nodes' fragment counts, not their bytes or any codec's figure");
        }
        Optional<FleetRisk.FullestNode> fullest = fragmentsOn.keySet().stream()
                .map(n -> new FleetRisk.FullestNode(n, fragmentsOn.get(n), bytesOn.getOrDefault(n, 0L)))
                .max(Comparator.comparingLong(FleetRisk.FullestNode::bytes).thenComparingLong(FleetRisk.FullestNode::fragments)
                        .thenComparing(FleetRisk.FullestNode::node, Comparator.reverseOrder()));

        List<LevelDomains> domains = new ArrayList<>();
        for (String level : levels) {
            LevelDomains d = LevelDomains.of(level, in.liveNodes());
            domains.add(d);
            if (!d.unlabelled().isEmpty()) {
                unavailable.add("the '" + level + "' label of " + d.unlabelled().size() + " live node(s) " + names(d.unlabelled())
                        + ": UNAVAILABLE; they are counted together as one " + level + " domain (the pessimistic reading)");
            }
        }

        FleetRisk.Mttr mttr = mttr(in, fullest, unavailable);
        if (in.guard().isEmpty()) {
            unavailable.add("durability target, node_mtbf, domain_mtbf, recovery_time, mttr_restore: UNAVAILABLE (the node "
                    + "runs without a policy guard); no figure is modeled without them");
        }

        List<FleetRisk.CodecRisk> codecs = new ArrayList<>();
        for (CodecGroup g : groups.values()) {
            codecs.add(g.risk(levels, domains, in.guard(), mttr));
        }
        return new FleetRisk(FleetRisk.MODELED, in.now(), levels, levelsSource, in.liveNodes().size(), in.stripes().size(), unresolved,
                fullest, in.rate(), mttr, in.guard(), exposure(in), codecs, fleet(codecs), unavailable,
                in.guard().map(g -> LiveGuard.of(g, in.plan(), in.rate(), budget(in), in.now())));
    }

    /** The repair bandwidth and the fragment size of every stripe with a known shape, for the live guard's window. */
    private static LiveGuard.Bandwidth budget(RiskInputs in) {
        Map<dev.kwam.codec.Cid, Long> sizes = new HashMap<>();
        for (LiveStripe s : in.stripes()) {
            s.shape().ifPresent(shape -> sizes.put(s.stripe(), shape.fragmentBytes()));
        }
        return new LiveGuard.Bandwidth(in.repairBytesPerSecond(), sizes);
    }

    // --- MTTR -----------------------------------------------------------------------------------

    private static FleetRisk.Mttr mttr(RiskInputs in, Optional<FleetRisk.FullestNode> fullest, List<String> unavailable) {
        Detection detection = in.detection();
        Optional<RepairThroughput> rate = in.rate().filter(r -> r.bytesRestored() > 0);
        if (rate.isPresent()) {
            RepairThroughput r = rate.get();
            long bytes = fullest.map(FleetRisk.FullestNode::bytes).orElse(0L);
            double seconds = bytes / r.bytesPerSecond();
            Duration value = detection.time().plus(duration(seconds));
            String explanation = String.format(Locale.ROOT, "detection %s + %d bytes on %s / %.0f B/s measured over %d repair(s) "
                    + "(%d bytes restored in %.1f s of repair time) = %s", seconds(detection.time()), bytes,
                    fullest.map(FleetRisk.FullestNode::node).orElse("no node"), r.bytesPerSecond(), r.stripes(), r.bytesRestored(),
                    r.seconds(), seconds(value));
            return new FleetRisk.Mttr(Optional.of(value), FleetRisk.MttrSource.MEASURED_RATE, explanation, detection);
        }
        String why = in.rate().isPresent() ? "the measured repairs restored no fragment bytes"
                : "no repair has completed since the JHMM started";
        unavailable.add("repair rate: UNAVAILABLE (" + why + ")");
        if (in.guard().isPresent()) {
            Duration restore = in.guard().get().mttrRestore();
            return new FleetRisk.Mttr(Optional.of(restore), FleetRisk.MttrSource.GUARD_MTTR_RESTORE,
                    "repair rate UNAVAILABLE (" + why + "): the guard's mttr_restore " + seconds(restore) + ", as kwam check used it",
                    detection);
        }
        unavailable.add("node MTTR: UNAVAILABLE (no measured repair rate and no guard mttr_restore)");
        return new FleetRisk.Mttr(Optional.empty(), FleetRisk.MttrSource.UNAVAILABLE,
                "repair rate UNAVAILABLE (" + why + ") and no guard mttr_restore", detection);
    }

    /** Seconds as a Duration, to the nanosecond when it fits (it does below 292 years, far past any MTBF). */
    static Duration duration(double seconds) {
        double nanos = seconds * 1e9;
        return nanos < Long.MAX_VALUE ? Duration.ofNanos(Math.round(nanos)) : Duration.ofSeconds((long) Math.min(seconds, 1e15));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.getSeconds() + d.getNano() / 1e9);
    }

    // --- exposure -------------------------------------------------------------------------------

    private static FleetRisk.Exposure exposure(RiskInputs in) {
        Map<Integer, Integer> bySpare = new TreeMap<>();
        Optional<Long> oldest = Optional.empty();
        for (RepairPlan.StripePlan p : in.plan().stripes()) {
            bySpare.merge(p.spare(), 1, Integer::sum);
            if (oldest.isEmpty() || p.belowFullSinceMillis() < oldest.get()) {
                oldest = Optional.of(p.belowFullSinceMillis());
            }
        }
        List<FleetRisk.SpareCount> counts = new ArrayList<>();
        bySpare.forEach((spare, n) -> counts.add(new FleetRisk.SpareCount(spare, n)));
        Optional<Duration> oldestFor = oldest.map(since -> Duration.ofMillis(Math.max(0, in.now().toEpochMilli() - since)));
        return new FleetRisk.Exposure(in.plan().stripes().size(), counts, oldest, oldestFor, in.parked());
    }

    // --- the fleet -----------------------------------------------------------------------------

    private static Optional<FleetRisk.FleetFigure> fleet(List<FleetRisk.CodecRisk> codecs) {
        FleetRisk.CodecRisk worst = null;
        double logNone = 0; // log P(no stripe of any codec lost), summed as logs so 1e-20 stays 1e-20
        for (FleetRisk.CodecRisk c : codecs) {
            if (c.modeled().isEmpty()) {
                continue;
            }
            logNone += Math.log1p(-c.modeled().get().anyStripeLost());
            if (worst == null || c.modeled().get().perStripe().probability() > worst.modeled().get().perStripe().probability()) {
                worst = c;
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        return Optional.of(new FleetRisk.FleetFigure(worst.codec(), worst.modeled().get(), Math.min(1.0, -Math.expm1(logNone))));
    }

    /** The rule kwam check names a guard's dominant term by (dsl GuardCheck): "correlated" when domains outweigh nodes. */
    static String dominant(DurabilityEstimate e) {
        String top = e.terms().stream().max(Comparator.comparingDouble(DurabilityEstimate.LossTerm::probability))
                .map(DurabilityEstimate.LossTerm::trigger).orElse("node");
        return e.correlatedProbability() > e.independentOnlyProbability() ? "correlated" : top;
    }

    private static String names(List<String> nodes) {
        return nodes.size() <= 5 ? String.join(", ", nodes) : String.join(", ", nodes.subList(0, 5)) + " and " + (nodes.size() - 5) + " more";
    }

    // --- per level and per codec ---------------------------------------------------------------

    /** One level's domains among the live nodes. */
    private record LevelDomains(String level, int domains, List<String> unlabelled) {
        static LevelDomains of(String level, Map<String, Map<String, String>> liveNodes) {
            Set<String> values = new HashSet<>();
            List<String> without = new ArrayList<>();
            liveNodes.forEach((node, labels) -> {
                String v = labels.get(level);
                if (v == null) {
                    without.add(node);
                } else {
                    values.add(v);
                }
            });
            without.sort(Comparator.naturalOrder());
            return new LevelDomains(level, values.size() + (without.isEmpty() ? 0 : 1), List.copyOf(without));
        }
    }

    /** The stripes of one codec: how many, and the most fragments of one of them on one node and in one domain of each level. */
    private static final class CodecGroup {
        private final CodecSpec codec;
        private final int[] mostInOneDomain;
        private long stripes;
        private int mostOnOneNode;

        CodecGroup(CodecSpec codec, int levels) {
            this.codec = codec;
            this.mostInOneDomain = new int[levels];
        }

        void add(List<String> holders, List<String> levels, Map<String, Map<String, String>> liveNodes) {
            stripes++;
            mostOnOneNode = Math.max(mostOnOneNode, most(holders, node -> node));
            for (int i = 0; i < levels.size(); i++) {
                String level = levels.get(i);
                mostInOneDomain[i] = Math.max(mostInOneDomain[i],
                        most(holders, node -> liveNodes.get(node).getOrDefault(level, UNLABELLED)));
            }
        }

        private static int most(List<String> holders, java.util.function.Function<String, String> domainOf) {
            Map<String, Integer> count = new HashMap<>();
            int most = 0;
            for (String node : holders) {
                most = Math.max(most, count.merge(domainOf.apply(node), 1, Integer::sum));
            }
            return most;
        }

        FleetRisk.CodecRisk risk(List<String> levels, List<LevelDomains> domains, Optional<GuardTarget> guard, FleetRisk.Mttr mttr) {
            List<FleetRisk.LevelPlacement> placement = new ArrayList<>();
            int below = 1;
            for (int i = 0; i < levels.size(); i++) {
                // A domain holds at least what any domain inside it holds; labels that do not nest must not make
                // a larger level look better spread than the smaller one (DurabilityInputs refuses that too).
                int modeled = Math.max(below, Math.max(1, mostInOneDomain[i]));
                below = modeled;
                placement.add(new FleetRisk.LevelPlacement(levels.get(i), domains.get(i).domains(), domains.get(i).unlabelled().size(),
                        mostInOneDomain[i], modeled));
            }
            String name = codec.toString();
            if (guard.isEmpty()) {
                return new FleetRisk.CodecRisk(name, stripes, mostOnOneNode, placement, Optional.empty(),
                        "UNAVAILABLE: no guard supplies node_mtbf, domain_mtbf, recovery_time and the target");
            }
            if (mttr.value().isEmpty()) {
                return new FleetRisk.CodecRisk(name, stripes, mostOnOneNode, placement, Optional.empty(), "UNAVAILABLE: no node MTTR");
            }
            GuardTarget g = guard.get();
            try {
                List<FaultDomainLevel> modelLevels = placement.stream()
                        .map(l -> new FaultDomainLevel(l.level(), g.domainMtbf(), g.recoveryTime(), l.modeledFragments())).toList();
                DurabilityInputs inputs = DurabilityInputs.of(g.nodeMtbf(), mttr.value().get(), modelLevels);
                DurabilityEstimate perStripe = DurabilityModel.annualLossProbability(codec, inputs);
                double all = DurabilityModel.annualLossProbability(codec, inputs.withStripesPerObject(Math.max(1, stripes))).probability();
                return new FleetRisk.CodecRisk(name, stripes, mostOnOneNode, placement, Optional.of(new FleetRisk.Modeled(perStripe,
                        dominant(perStripe), perStripe.meets(g.targetNines()), all)), "");
            } catch (IllegalArgumentException e) {
                return new FleetRisk.CodecRisk(name, stripes, mostOnOneNode, placement, Optional.empty(),
                        "UNAVAILABLE: the model refuses these inputs: " + e.getMessage());
            }
        }
    }
}
