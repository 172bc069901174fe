package dev.kwam.dsl.lower;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityInputs;
import dev.kwam.codec.durability.DurabilityModel;
import dev.kwam.codec.durability.FaultDomainLevel;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.policy.FaultDomains;
import dev.kwam.dsl.policy.GuardMath;
import dev.kwam.dsl.policy.ReplicateBlock;
import dev.kwam.dsl.syntax.Block;
import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.syntax.Expr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The unbacked-nines rule: every guard's {@code durability} is checked with codec's durability model,
 * per bit (one stripe), using each replicate block's codec and anti-affinity levels and the fleet
 * shape of the profile's fault-domain map (docs/durability.md, "The guided tour"). Every input is
 * required; none is filled with a flattering default.
 */
final class GuardCheck {

    private final Lowering lowering;
    private final Diagnostics diagnostics;
    private final Map<String, FaultDomains> faultDomains;
    /**
     * Every guard is checked against every shape of replicate block, and generated or templated policies
     * repeat the same inputs many times; the model is a pure function of (codec, inputs), so each distinct
     * pair is computed once (with the grouping below, a 100k-line policy went from 65 s to 1.7 s).
     */
    private final Map<List<Object>, DurabilityEstimate> estimates = new java.util.HashMap<>();
    /** Replicate shape → the names of the replicate blocks that have it, in source order. */
    private Map<ReplicateShape, List<String>> shapes;
    final Map<String, CodecSpec> codecs = new LinkedHashMap<>();

    GuardCheck(Lowering lowering, Map<String, FaultDomains> faultDomains) {
        this.lowering = lowering;
        this.diagnostics = lowering.diagnostics();
        this.faultDomains = faultDomains;
    }

    /** Each guard's math, by guard name: one entry per shape of replicate block it was checked against. */
    final Map<String, List<GuardMath>> byGuard = new LinkedHashMap<>();

    List<GuardMath> run() {
        for (Block r : lowering.all(BlockKind.REPLICATE)) {
            codec(lowering.lowered.get(r)).ifPresent(c -> codecs.put(r.name().text(), c));
        }
        List<GuardMath> out = new ArrayList<>();
        for (Block g : lowering.all(BlockKind.GUARD)) {
            List<GuardMath> math = guard(g);
            byGuard.put(g.name().text(), math);
            out.addAll(math);
        }
        return out;
    }

    /** The replicate block's code; without a codec block, {@code factor} full copies are exactly rs(1, factor-1). */
    Optional<CodecSpec> codec(LoweredBody replicate) {
        Optional<LoweredBody> codec = replicate.block("codec");
        try {
            if (codec.isEmpty()) {
                OptionalLong factor = replicate.integer("factor");
                return factor.isPresent() && factor.getAsLong() >= 2 && factor.getAsLong() <= CodecSpec.MAX_SHARDS
                        ? Optional.of(new CodecSpec.ReedSolomonSpec(1, (int) factor.getAsLong() - 1)) : Optional.empty();
            }
            LoweredBody c = codec.get();
            String scheme = c.word("scheme").orElse("");
            List<String> needed = scheme.equals("lrc") ? List.of("data", "local_groups", "global_parity") : List.of("data", "parity");
            List<String> missing = needed.stream().filter(k -> c.integer(k).isEmpty()).toList();
            if (!missing.isEmpty()) {
                diagnostics.error(LoweringCode.BAD_CODEC, c.spanOf("scheme"), "codec '" + scheme + "' needs " + String.join(", ", missing),
                        scheme.equals("lrc") ? "e.g. data 12, local_groups 2, global_parity 2" : "e.g. data 10, parity 4");
                return Optional.empty();
            }
            if (scheme.equals("lrc")) {
                return Optional.of(new CodecSpec.LrcSpec(toInt(c.integer("data")), toInt(c.integer("local_groups")),
                        toInt(c.integer("global_parity"))));
            }
            return Optional.of(new CodecSpec.ReedSolomonSpec(toInt(c.integer("data")), toInt(c.integer("parity"))));
        } catch (IllegalArgumentException e) {
            diagnostics.error(LoweringCode.BAD_CODEC, codec.map(c -> c.syntax().span()).orElse(replicate.spanOf("factor")),
                    e.getMessage(), "rs(k,m) needs k >= 1, m >= 1, k+m <= 256");
            return Optional.empty();
        }
    }

    private static int toInt(OptionalLong v) {
        long n = v.getAsLong();
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("codec parameter " + n + " is out of range");
        }
        return (int) n;
    }

    private List<GuardMath> guard(Block g) {
        LoweredBody body = lowering.lowered.get(g);
        String name = g.name().text();
        List<String> missing = new ArrayList<>();
        for (String key : List.of("node_mtbf", "domain_mtbf", "recovery_time")) {
            if (!body.written(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            diagnostics.error(LoweringCode.MISSING_GUARD_INPUT, g.name().span(), "guard '" + name + "' does not state "
                    + String.join(", ", missing) + "; the durability target cannot be checked without them", missing,
                    "add the audited figures, e.g. node_mtbf 35000h, domain_mtbf 500000h, recovery_time 6h (never guessed for you)");
            return List.of();
        }
        Optional<Duration> nodeMtbf = body.duration("node_mtbf");
        Optional<Duration> domainMtbf = body.duration("domain_mtbf");
        Optional<Duration> recovery = body.duration("recovery_time");
        Optional<Duration> mttr = body.duration("mttr_restore");
        Optional<Integer> nines = body.get("durability").filter(dev.kwam.dsl.syntax.Literal.NinesLit.class::isInstance)
                .map(v -> ((dev.kwam.dsl.syntax.Literal.NinesLit) v).nines());
        if (nodeMtbf.isEmpty() || domainMtbf.isEmpty() || recovery.isEmpty() || mttr.isEmpty() || nines.isEmpty()) {
            return List.of(); // already reported where the value failed
        }
        List<Block> replicates = lowering.all(BlockKind.REPLICATE);
        if (replicates.isEmpty()) {
            diagnostics.error(LoweringCode.MISSING_GUARD_INPUT, g.name().span(), "guard '" + name
                    + "' has nothing to check: no replicate block says how data is coded and spread",
                    "add a replicate block with factor, anti_affinity and a codec");
            return List.of();
        }
        if (faultDomains.isEmpty() && lowering.modulesFailed()) {
            return List.of();
        }
        if (faultDomains.size() != 1) {
            diagnostics.error(LoweringCode.NO_FLEET_SHAPE, body.spanOf("durability"), faultDomains.isEmpty()
                    ? "no fault-domain map says how many racks, PDUs, spines and zones the fleet has, so the nines cannot be checked"
                    : "several profiles carry fault-domain maps (" + NameList.of(faultDomains.keySet()) + "); the guard needs one fleet shape",
                    "import \"std/faultdomains\" as fd, use fd.h100, and give one profile hardware \"h100\"");
            return List.of();
        }
        FaultDomains fleet = faultDomains.values().iterator().next();
        List<GuardMath> out = new ArrayList<>();
        for (Map.Entry<ReplicateShape, List<String>> group : shapes(fleet).entrySet()) {
            ReplicateShape shape = group.getKey();
            CodecSpec codec = shape.codec();
            String replicate = NameList.of(group.getValue());
            try {
                DurabilityInputs inputs = DurabilityInputs.forGuard(nodeMtbf.get(), mttr.get(), domainMtbf.get(), recovery.get(),
                        shape.levels(), fleet.shape(), codec);
                DurabilityEstimate e = estimates.computeIfAbsent(List.of(codec, inputs),
                        key -> DurabilityModel.annualLossProbability(codec, inputs));
                GuardMath math = new GuardMath(fleet.source(), fleet.shape(), codec, inputs, e, dominant(e), exhausted(inputs), nines.get(),
                        replicate, shape.chunkAvgBytes());
                out.add(math);
                if (!math.backed()) {
                    diagnostics.error(LoweringCode.UNBACKED_NINES, body.spanOf("durability"), unbacked(name, replicate, math),
                            List.of("at most " + e.nines() + "nines"), fix(math));
                }
            } catch (IllegalArgumentException e) {
                diagnostics.error(LoweringCode.IMPOSSIBLE_GUARD_INPUT, g.name().span(), "guard '" + name + "' with replicate '"
                        + replicate + "': " + e.getMessage(), "state audited, plausible figures: repair and recovery far shorter than the MTBFs");
            }
        }
        return out;
    }

    /** What the durability model reads from a replicate block; blocks with equal shapes share one check. */
    private record ReplicateShape(CodecSpec codec, List<String> levels, long chunkAvgBytes) {
    }

    /**
     * The replicate blocks grouped by shape, computed once for all guards: every guard is checked against
     * every shape, and a level the fleet does not count is reported once, at the replicate, not per guard.
     */
    private Map<ReplicateShape, List<String>> shapes(FaultDomains fleet) {
        if (shapes != null) {
            return shapes;
        }
        Map<ReplicateShape, List<String>> groups = new LinkedHashMap<>();
        for (Block r : lowering.all(BlockKind.REPLICATE)) {
            LoweredBody rep = lowering.lowered.get(r);
            CodecSpec codec = codecs.get(r.name().text());
            List<Expr> levels = rep.list("anti_affinity");
            if (codec == null || levels.isEmpty() && rep.written("anti_affinity") && rep.get("anti_affinity").isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            boolean counted = true;
            for (Expr level : levels) {
                String l = LoweredBody.wordOf(level).orElse("");
                names.add(l);
                if (!fleet.shape().domainsPerLevel().containsKey(l)) {
                    counted = false;
                    diagnostics.error(LoweringCode.NO_FLEET_SHAPE, level.span(), "the fleet shape " + fleet.source()
                            + " does not count '" + l + "' domains, so spreading over them cannot be credited",
                            List.copyOf(fleet.shape().domainsPerLevel().keySet()),
                            "list only the fault-domain kinds the fleet has: " + String.join(", ", fleet.kinds()));
                }
            }
            if (!counted) {
                continue;
            }
            long chunkAvg = rep.block("chunker").map(c -> c.size("avg").orElse(ReplicateBlock.Chunker.DEFAULT.avgBytes()))
                    .orElse(ReplicateBlock.Chunker.DEFAULT.avgBytes());
            groups.computeIfAbsent(new ReplicateShape(codec, List.copyOf(names), chunkAvg), k -> new ArrayList<>())
                    .add(r.name().text());
        }
        shapes = java.util.Collections.unmodifiableMap(groups);
        return shapes;
    }

    /** The loss trigger carrying most of p, or the correlated share when fault domains dominate. */
    private static String dominant(DurabilityEstimate e) {
        String top = e.terms().stream().max(Comparator.comparingDouble(DurabilityEstimate.LossTerm::probability))
                .map(DurabilityEstimate.LossTerm::trigger).orElse("node");
        return e.correlatedProbability() > e.independentOnlyProbability() ? "correlated" : top;
    }

    /** The largest level that holds more than one fragment of a stripe per domain: the one whose loss hurts most. */
    private static String exhausted(DurabilityInputs inputs) {
        String level = "";
        for (FaultDomainLevel l : inputs.domainLevels()) {
            if (l.fragmentsPerDomain() > 1) {
                level = l.name();
            }
        }
        return level;
    }

    static String sci(double p) {
        return String.format(Locale.ROOT, "%.2e", p);
    }

    private static String unbacked(String guard, String replicate, GuardMath m) {
        DurabilityEstimate e = m.estimate();
        String why;
        if (m.dominantTerm().equals("correlated")) {
            double share = e.probability() > 0 ? 100.0 * e.correlatedProbability() / e.probability() : 0;
            why = "the correlated fault-domain term dominates (" + String.format(Locale.ROOT, "%.1f", share) + "% of p)"
                    + (m.exhaustedLevel().isEmpty() ? "" : ": the fleet has only "
                    + m.inputs().domainLevels().stream().filter(l -> l.name().equals(m.exhaustedLevel())).findFirst()
                            .map(l -> shapeCount(m, l.name()) + " " + l.name() + " domains, so an " + l.name() + " outage takes "
                                    + l.fragmentsPerDomain() + " fragments of a stripe at once").orElse(""))
                    + "; independent node loss alone would give " + sci(e.independentOnlyProbability());
        } else {
            why = "the dominant term is " + m.dominantTerm() + " failure";
        }
        return "guard '" + guard + "' promises " + m.targetNines() + "nines (p <= 1e-" + m.targetNines() + " per bit per year) "
                + "but the model gives p = " + sci(e.probability()) + " (" + e.nines() + " nines) for replicate '" + replicate
                + "' with " + m.codec() + " on the fleet shape " + m.fleetShapeName() + " " + shape(m) + "; " + why
                + " [MODELED, " + "per bit, one stripe, one year]";
    }

    private static int shapeCount(GuardMath m, String level) {
        return m.inputs().domainLevels().isEmpty() ? 0 : m.fleetShape().domainsPerLevel().getOrDefault(level, 0);
    }

    static String shape(GuardMath m) {
        StringBuilder s = new StringBuilder("(");
        for (FaultDomainLevel l : m.inputs().domainLevels()) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(l.name()).append(' ').append(m.fleetShape().domainsPerLevel().getOrDefault(l.name(), 0));
        }
        return s.append(")").toString();
    }

    private static String fix(GuardMath m) {
        return "lower the target to " + m.estimate().nines() + "nines, or back it: more " + (m.exhaustedLevel().isEmpty()
                ? "parity" : m.exhaustedLevel() + " domains than the stripe has fragments, or more parity")
                + "; `kwam durability FILE` shows the math";
    }
}
