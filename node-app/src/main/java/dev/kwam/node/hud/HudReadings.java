package dev.kwam.node.hud;

import dev.kwam.codec.CodecSpec;
import dev.kwam.hud.DurabilityReading;
import dev.kwam.hud.RepairTally;
import dev.kwam.hud.RepairsReading;
import dev.kwam.hud.Source;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.risk.FleetRisk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The JHMM's reports as the HUD's readings: the one place that knows both shapes. */
final class HudReadings {
    private HudReadings() {
    }

    static RepairsReading repairs(RepairStatus s, RepairTally.Counts tally, Instant observedAt) {
        Map<String, RepairStatus.Progress> running = s.running().stream()
                .collect(Collectors.toMap(p -> p.stripe().toString(), Function.identity(), (a, b) -> a));
        List<RepairsReading.Planned> plan = new ArrayList<>();
        for (RepairPlan.StripePlan p : s.plan().stripes()) {
            Optional<RepairStatus.Progress> progress = Optional.ofNullable(running.get(p.stripe().toString()));
            plan.add(new RepairsReading.Planned(p.stripe().toString(), p.codec(), p.spare(), p.losses().size(),
                    p.targets().stream().map(RepairPlan.Target::node).toList(), p.unplaced().size(), progress.isPresent(),
                    progress.map(RepairStatus.Progress::step), progress.map(RepairStatus.Progress::bytes).orElse(0L),
                    p.deferredUntilMillis() > 0 ? Optional.of(Instant.ofEpochMilli(p.deferredUntilMillis())) : Optional.empty(),
                    Instant.ofEpochMilli(p.belowFullSinceMillis())));
        }
        String from = s.budgetSource().override().map(o -> "set by " + o.setBy() + " at " + o.setAt())
                .orElse("from " + s.budgetSource().configuredFrom());
        Optional<RepairsReading.Rate> rate = s.rate().map(t -> new RepairsReading.Rate(t.bytesPerSecond(), t.stripes(), t.seconds(),
                t.from(), t.until()));
        List<RepairsReading.Parked> parked = s.parked().stream()
                .map(p -> new RepairsReading.Parked(p.stripe().toString(), p.reason(), p.at())).toList();
        return new RepairsReading(plan, s.limits().maxConcurrentStripes(), s.limits().bytesPerSecond(), from, rate, s.repaired(),
                s.bytesMoved(), parked, tally, Source.LIVE, observedAt);
    }

    /** The figures are the model's (MODELED); the reading as a whole is too, since its headline is a model output. */
    static DurabilityReading durability(FleetRisk risk, Instant observedAt) {
        Optional<DurabilityReading.Target> target = risk.guard().map(g -> new DurabilityReading.Target(g.guard(), g.targetNines(),
                g.estimate().nines(), g.replicate()));
        Optional<DurabilityReading.Figure> fleet = risk.fleet().map(f -> figure(f.worstCodec(), f.worst()));
        List<DurabilityReading.CodecClass> codecs = new ArrayList<>();
        for (FleetRisk.CodecRisk c : risk.codecs()) {
            int tolerance = CodecSpec.parse(c.codec()).guaranteedTolerance();
            List<DurabilityReading.Survives> survives = new ArrayList<>();
            survives.add(new DurabilityReading.Survives("node", tolerance / Math.max(1, c.mostOnOneNode()), risk.liveNodes(),
                    c.mostOnOneNode()));
            for (FleetRisk.LevelPlacement l : c.levels()) {
                int domains = l.liveDomains() + (l.unlabelledNodes() > 0 ? 1 : 0);
                survives.add(new DurabilityReading.Survives(l.level(), tolerance / Math.max(1, l.mostFragments()), domains,
                        l.mostFragments()));
            }
            codecs.add(new DurabilityReading.CodecClass(c.codec(), c.stripes(), survives, c.modeled().map(m -> figure(c.codec(), m))));
        }
        Optional<Double> mttr = risk.mttr().value().map(d -> d.toMillis() / 1000.0);
        return new DurabilityReading(target, fleet, codecs, mttr, risk.mttr().source().name(), risk.mttr().explanation(),
                risk.liveNodes(), risk.stripes(), risk.exposure().belowFull(), risk.exposure().parked(), risk.unavailable(),
                Source.MODELED, observedAt, risk.live().map(l -> new DurabilityReading.Live(l.guard(), l.targetNines(), l.onViolation(),
                        l.breached(), l.lossBeforeRepair(), l.worstStripe(), l.window().toMillis() / 1000.0, l.windowSource(), l.reason())));
    }

    private static DurabilityReading.Figure figure(String codec, FleetRisk.Modeled m) {
        return new DurabilityReading.Figure(codec, m.perStripe().nines(), m.perStripe().probability(), m.meetsTarget(), m.dominantTerm());
    }
}
