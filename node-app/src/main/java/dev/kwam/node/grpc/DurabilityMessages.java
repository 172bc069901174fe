package dev.kwam.node.grpc;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.jhmm.RepairThroughput;
import dev.kwam.jhmm.risk.Detection;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.GuardTarget;
import dev.kwam.jhmm.risk.LiveGuard;
import dev.kwam.node.grpc.v1.CodecDurability;
import dev.kwam.node.grpc.v1.DurabilityReport;
import dev.kwam.node.grpc.v1.FleetDurability;
import dev.kwam.node.grpc.v1.FullestNode;
import dev.kwam.node.grpc.v1.GuardFigure;
import dev.kwam.node.grpc.v1.LevelPlacement;
import dev.kwam.node.grpc.v1.LiveGuardFigure;
import dev.kwam.node.grpc.v1.LossTerm;
import dev.kwam.node.grpc.v1.ModelEstimate;
import dev.kwam.node.grpc.v1.ModeledFigure;
import dev.kwam.node.grpc.v1.NodeMttr;
import dev.kwam.node.grpc.v1.RepairExposure;
import dev.kwam.node.grpc.v1.RepairRate;
import dev.kwam.node.grpc.v1.SpareCount;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The JHMM's {@link FleetRisk} to and from kwam.proto's {@code DurabilityReport}. Durations travel in
 * milliseconds; probabilities as doubles, so a figure comes back exactly as the model computed it.
 */
public final class DurabilityMessages {
    private DurabilityMessages() {
    }

    public static DurabilityReport toProto(FleetRisk r) {
        DurabilityReport.Builder b = DurabilityReport.newBuilder().setLabel(r.label()).setAt(r.at().toString())
                .addAllLevels(r.levels()).setLevelsSource(r.levelsSource()).setLiveNodes(r.liveNodes()).setStripes(r.stripes())
                .setUnresolvedStripes(r.unresolved()).setMttr(mttr(r.mttr())).setExposure(exposure(r.exposure()))
                .addAllUnavailable(r.unavailable());
        r.fullestNode().ifPresent(f -> b.setFullestNode(FullestNode.newBuilder().setNode(f.node()).setFragments(f.fragments())
                .setBytes(f.bytes())));
        r.rate().ifPresent(rate -> b.setRepairRate(rate(rate)));
        r.guard().ifPresent(g -> b.setGuard(guard(g)));
        r.live().ifPresent(l -> b.setLiveGuard(live(l)));
        for (FleetRisk.CodecRisk c : r.codecs()) {
            CodecDurability.Builder cb = CodecDurability.newBuilder().setCodec(c.codec()).setStripes(c.stripes())
                    .setMostOnOneNode(c.mostOnOneNode()).setUnavailable(c.unavailable());
            c.levels().forEach(l -> cb.addLevels(LevelPlacement.newBuilder().setLevel(l.level()).setLiveDomains(l.liveDomains())
                    .setUnlabelledNodes(l.unlabelledNodes()).setMostFragments(l.mostFragments()).setModeledFragments(l.modeledFragments())));
            c.modeled().ifPresent(m -> cb.setModeled(modeled(m)));
            b.addCodecs(cb);
        }
        r.fleet().ifPresent(f -> b.setFleet(FleetDurability.newBuilder().setWorstCodec(f.worstCodec()).setWorst(modeled(f.worst()))
                .setAnyStripeLost(f.anyStripeLost())));
        return b.build();
    }

    public static FleetRisk fromProto(DurabilityReport p) {
        Optional<FleetRisk.FullestNode> fullest = p.hasFullestNode()
                ? Optional.of(new FleetRisk.FullestNode(p.getFullestNode().getNode(), p.getFullestNode().getFragments(),
                        p.getFullestNode().getBytes()))
                : Optional.empty();
        NodeMttr m = p.getMttr();
        FleetRisk.MttrSource basis = FleetRisk.MttrSource.valueOf(m.getBasis());
        FleetRisk.Mttr mttr = new FleetRisk.Mttr(basis == FleetRisk.MttrSource.UNAVAILABLE ? Optional.empty()
                : Optional.of(Duration.ofMillis(m.getMs())), basis, m.getExplanation(),
                new Detection(Duration.ofMillis(m.getDetectionMs()), m.getDetectionBasis()));
        RepairExposure e = p.getExposure();
        FleetRisk.Exposure exposure = new FleetRisk.Exposure(e.getBelowFull(),
                e.getBySpareList().stream().map(s -> new FleetRisk.SpareCount(s.getSpare(), s.getStripes())).toList(),
                e.getBelowFull() == 0 ? Optional.empty() : Optional.of(e.getOldestBelowFullSinceMs()),
                e.getBelowFull() == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(e.getOldestBelowFullForMs())), e.getParked());
        return new FleetRisk(p.getLabel(), Instant.parse(p.getAt()), p.getLevelsList(), p.getLevelsSource(), p.getLiveNodes(),
                p.getStripes(), p.getUnresolvedStripes(), fullest,
                p.hasRepairRate() ? Optional.of(rate(p.getRepairRate())) : Optional.empty(), mttr,
                p.hasGuard() ? Optional.of(guard(p.getGuard())) : Optional.empty(), exposure,
                p.getCodecsList().stream().map(DurabilityMessages::codec).toList(),
                p.hasFleet() ? Optional.of(new FleetRisk.FleetFigure(p.getFleet().getWorstCodec(), modeled(p.getFleet().getWorst()),
                        p.getFleet().getAnyStripeLost())) : Optional.empty(),
                p.getUnavailableList(), p.hasLiveGuard() ? Optional.of(live(p.getLiveGuard())) : Optional.empty());
    }

    private static LiveGuardFigure live(LiveGuard l) {
        return LiveGuardFigure.newBuilder().setLabel(l.label()).setAt(l.at().toString()).setGuard(l.guard())
                .setTargetNines(l.targetNines()).setOnViolation(l.onViolation()).setBreached(l.breached())
                .setLossBeforeRepair(l.lossBeforeRepair()).setWorstStripe(l.worstStripe().orElse(""))
                .setWindowMs(l.window().toMillis()).setWindowSource(l.windowSource()).setReason(l.reason()).build();
    }

    private static LiveGuard live(LiveGuardFigure l) {
        return new LiveGuard(l.getLabel(), Instant.parse(l.getAt()), l.getGuard(), l.getTargetNines(), l.getOnViolation(),
                l.getBreached(), l.getLossBeforeRepair(), l.getWorstStripe().isEmpty() ? Optional.empty() : Optional.of(l.getWorstStripe()),
                Duration.ofMillis(l.getWindowMs()), l.getWindowSource(), l.getReason());
    }

    // --- pieces --------------------------------------------------------------------------------

    public static RepairRate rate(RepairThroughput t) {
        return RepairRate.newBuilder().setBytesRestored(t.bytesRestored()).setBytesMoved(t.bytesMoved())
                .setBusyNanos(t.busy().toNanos()).setStripes(t.stripes()).setBytesPerSecond(t.bytesPerSecond())
                .setFrom(t.from().toString()).setUntil(t.until().toString()).build();
    }

    public static RepairThroughput rate(RepairRate r) {
        return new RepairThroughput(r.getBytesRestored(), r.getBytesMoved(), Duration.ofNanos(r.getBusyNanos()),
                r.getStripes(), Instant.parse(r.getFrom()), Instant.parse(r.getUntil()));
    }

    private static NodeMttr mttr(FleetRisk.Mttr m) {
        return NodeMttr.newBuilder().setBasis(m.source().name()).setMs(m.value().map(Duration::toMillis).orElse(0L))
                .setExplanation(m.explanation()).setDetectionMs(m.detection().time().toMillis())
                .setDetectionBasis(m.detection().source()).build();
    }

    private static RepairExposure exposure(FleetRisk.Exposure e) {
        RepairExposure.Builder b = RepairExposure.newBuilder().setBelowFull(e.belowFull()).setParked(e.parked())
                .setOldestBelowFullSinceMs(e.oldestSince().orElse(0L))
                .setOldestBelowFullForMs(e.oldestFor().map(Duration::toMillis).orElse(0L));
        e.bySpare().forEach(s -> b.addBySpare(SpareCount.newBuilder().setSpare(s.spare()).setStripes(s.stripes())));
        return b.build();
    }

    private static GuardFigure guard(GuardTarget g) {
        return GuardFigure.newBuilder().setGuard(g.guard()).setTargetNines(g.targetNines()).setNodeMtbfMs(g.nodeMtbf().toMillis())
                .setDomainMtbfMs(g.domainMtbf().toMillis()).setRecoveryTimeMs(g.recoveryTime().toMillis())
                .setMttrRestoreMs(g.mttrRestore().toMillis()).addAllLevels(g.levels()).setCodec(g.codec().toString())
                .setReplicate(g.replicate()).setFleetShape(g.fleetShape()).setEstimate(estimate(g.estimate()))
                .setDominantTerm(g.dominantTerm()).setOnViolation(g.onViolation()).build();
    }

    private static GuardTarget guard(GuardFigure g) {
        return new GuardTarget(g.getGuard(), g.getTargetNines(), Duration.ofMillis(g.getNodeMtbfMs()), Duration.ofMillis(g.getDomainMtbfMs()),
                Duration.ofMillis(g.getRecoveryTimeMs()), Duration.ofMillis(g.getMttrRestoreMs()), g.getLevelsList(),
                CodecSpec.parse(g.getCodec()), g.getReplicate(), g.getFleetShape(), estimate(g.getEstimate()), g.getDominantTerm(),
                g.getOnViolation());
    }

    private static FleetRisk.CodecRisk codec(CodecDurability c) {
        return new FleetRisk.CodecRisk(c.getCodec(), c.getStripes(), c.getMostOnOneNode(),
                c.getLevelsList().stream().map(l -> new FleetRisk.LevelPlacement(l.getLevel(), l.getLiveDomains(), l.getUnlabelledNodes(),
                        l.getMostFragments(), l.getModeledFragments())).toList(),
                c.hasModeled() ? Optional.of(modeled(c.getModeled())) : Optional.empty(), c.getUnavailable());
    }

    private static ModeledFigure modeled(FleetRisk.Modeled m) {
        return ModeledFigure.newBuilder().setPerStripe(estimate(m.perStripe())).setDominantTerm(m.dominantTerm())
                .setMeetsTarget(m.meetsTarget()).setAnyStripeLost(m.anyStripeLost()).build();
    }

    private static FleetRisk.Modeled modeled(ModeledFigure m) {
        return new FleetRisk.Modeled(estimate(m.getPerStripe()), m.getDominantTerm(), m.getMeetsTarget(), m.getAnyStripeLost());
    }

    private static ModelEstimate estimate(DurabilityEstimate e) {
        ModelEstimate.Builder b = ModelEstimate.newBuilder().setModel(e.model()).setProbability(e.probability()).setNines(e.nines())
                .setAtFloor(e.atFloor()).setStripeProbability(e.stripeProbability()).setStripeLossesPerYear(e.stripeLossesPerYear())
                .setIndependentOnlyProbability(e.independentOnlyProbability()).setCorrelatedProbability(e.correlatedProbability());
        e.terms().forEach(t -> b.addTerms(LossTerm.newBuilder().setTrigger(t.trigger()).setProbability(t.probability())));
        return b.build();
    }

    private static DurabilityEstimate estimate(ModelEstimate e) {
        return new DurabilityEstimate(e.getModel(), e.getProbability(), e.getNines(), e.getAtFloor(), e.getStripeProbability(),
                e.getStripeLossesPerYear(), e.getIndependentOnlyProbability(), e.getCorrelatedProbability(),
                e.getTermsList().stream().map(t -> new DurabilityEstimate.LossTerm(t.getTrigger(), t.getProbability())).toList());
    }
}
