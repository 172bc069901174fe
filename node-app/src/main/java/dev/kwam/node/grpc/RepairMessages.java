package dev.kwam.node.grpc;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.BudgetSource;
import dev.kwam.jhmm.LossCause;
import dev.kwam.jhmm.RepairBudget;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.node.grpc.v1.ParkedStripe;
import dev.kwam.node.grpc.v1.RepairHolder;
import dev.kwam.node.grpc.v1.RepairLoss;
import dev.kwam.node.grpc.v1.RepairBudgetRequest;
import dev.kwam.node.grpc.v1.RepairReport;
import dev.kwam.jhmm.BudgetChange;
import dev.kwam.node.grpc.v1.StripeRepair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JHMM's {@link RepairStatus} to and from kwam.proto's {@code RepairReport}: the plan, its progress, the parked. */
public final class RepairMessages {
    /** The source shown for a report that carries none. */
    public static final String UNREPORTED_SOURCE = "UNAVAILABLE (the node did not report where its budget comes from)";
    private RepairMessages() {
    }

    /**
     * running: a repair is at work; deferred: its nodes may come back within {@code repair.delay}; queued: waiting for
     * the budget; waiting: no node can take its fragments now.
     */
    public static String state(RepairPlan.StripePlan plan, Map<Cid, RepairStatus.Progress> running) {
        if (running.containsKey(plan.stripe())) {
            return "running";
        }
        if (plan.deferred()) {
            return "deferred";
        }
        return plan.targets().isEmpty() ? "waiting" : "queued";
    }

    public static String cause(LossCause cause) {
        return cause.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Map<Cid, RepairStatus.Progress> running(RepairStatus status) {
        Map<Cid, RepairStatus.Progress> byStripe = new HashMap<>();
        status.running().forEach(p -> byStripe.put(p.stripe(), p));
        return byStripe;
    }

    /** The report after a budget change, saying whether a majority stored it ({@code budgetReplicated}). */
    public static RepairReport toProto(RepairStatus status, Optional<Boolean> budgetReplicated) {
        RepairReport report = toProto(status);
        return budgetReplicated.map(replicated -> report.toBuilder().setBudgetReplicated(replicated).build()).orElse(report);
    }

    public static RepairReport toProto(RepairStatus status) {
        Map<Cid, RepairStatus.Progress> running = running(status);
        BudgetSource source = status.budgetSource();
        RepairReport.Builder b = RepairReport.newBuilder().setRepaired(status.repaired()).setBytesMoved(status.bytesMoved())
                .setMaxConcurrentStripes(status.limits().maxConcurrentStripes())
                .setBandwidthBytesPerSecond(status.limits().bytesPerSecond()).setAt(status.at().toString())
                .setBudgetSource(source.describe()).setBudgetConfiguredFrom(source.configuredFrom())
                .setConfiguredMaxConcurrentStripes(source.configured().maxConcurrentStripes())
                .setConfiguredBandwidthBytesPerSecond(source.configured().bytesPerSecond());
        source.override().ifPresent(o -> b.setBudgetSetBy(o.setBy()).setBudgetSetAt(o.setAt().toString()));
        status.rate().ifPresent(rate -> b.setRepairRate(DurabilityMessages.rate(rate)));
        for (RepairPlan.StripePlan p : status.plan().stripes()) {
            StripeRepair.Builder s = StripeRepair.newBuilder().setStripe(p.stripe().toString()).setManifest(p.manifest().toString())
                    .setStripeIndex(p.stripeIndex()).setCodec(p.codec()).setSpare(p.spare()).setState(state(p, running))
                    .setBelowFullSinceMs(p.belowFullSinceMillis())
                    .setDeferredUntil(p.deferredUntil().map(Instant::toString).orElse(""));
            p.survivors().forEach(h -> s.addSurvivors(RepairHolder.newBuilder().setIndex(h.index()).setNode(h.node())));
            p.losses().forEach(l -> s.addLosses(RepairLoss.newBuilder().setIndex(l.index()).setFragment(l.fragment().toString())
                    .setNode(l.node()).setCause(cause(l.cause()))));
            p.targets().forEach(t -> s.addTargets(RepairHolder.newBuilder().setIndex(t.index()).setNode(t.node())));
            p.unplaced().forEach(s::addUnplaced);
            p.sources().forEach(s::addSources);
            RepairStatus.Progress progress = running.get(p.stripe());
            if (progress != null) {
                s.setStep(progress.step()).setBytes(progress.bytes()).setFailedAttempts(progress.failedAttempts())
                        .setSince(progress.since().toString());
            }
            b.addStripes(s);
        }
        status.parked().forEach(p -> b.addParked(ParkedStripe.newBuilder().setStripe(p.stripe().toString()).setReason(p.reason())
                .setAt(p.at().toString())));
        return b.build();
    }

    public static RepairStatus fromProto(RepairReport r) {
        List<RepairPlan.StripePlan> plans = new ArrayList<>();
        List<RepairStatus.Progress> running = new ArrayList<>();
        for (StripeRepair s : r.getStripesList()) {
            Cid stripe = Cid.parse(s.getStripe());
            plans.add(new RepairPlan.StripePlan(stripe, Cid.parse(s.getManifest()), s.getStripeIndex(), s.getCodec(),
                    s.getSurvivorsList().stream().map(h -> new RepairPlan.Holder(h.getIndex(), h.getNode())).toList(),
                    s.getLossesList().stream().map(l -> new RepairPlan.Loss(l.getIndex(), Cid.parse(l.getFragment()), l.getNode(),
                            LossCause.valueOf(l.getCause().toUpperCase(Locale.ROOT).replace('-', '_')))).toList(),
                    s.getTargetsList().stream().map(t -> new RepairPlan.Target(t.getIndex(), t.getNode())).toList(),
                    List.copyOf(s.getUnplacedList()), List.copyOf(s.getSourcesList()), s.getSpare(), s.getBelowFullSinceMs(),
                    s.getDeferredUntil().isEmpty() ? 0L : Instant.parse(s.getDeferredUntil()).toEpochMilli()));
            if (s.getState().equals("running")) {
                running.add(new RepairStatus.Progress(stripe, s.getStep(), s.getBytes(), s.getFailedAttempts(),
                        s.getSince().isEmpty() ? Instant.EPOCH : Instant.parse(s.getSince())));
            }
        }
        List<RepairStatus.ParkedStripe> parked = r.getParkedList().stream()
                .map(p -> new RepairStatus.ParkedStripe(Cid.parse(p.getStripe()), p.getReason(), Instant.parse(p.getAt()))).toList();
        RepairBudget.Limits limits = new RepairBudget.Limits(Math.max(1, r.getMaxConcurrentStripes()), r.getBandwidthBytesPerSecond());
        return new RepairStatus(new RepairPlan(plans), running, parked, r.getRepaired(), r.getBytesMoved(), limits,
                Instant.parse(r.getAt()), budgetSource(r, limits),
                r.hasRepairRate() ? Optional.of(DurabilityMessages.rate(r.getRepairRate())) : Optional.empty());
    }

    /** A node that reports no source (one built before sources were reported) gets an UNAVAILABLE label, not a guess. */
    static BudgetSource budgetSource(RepairReport r, RepairBudget.Limits inForce) {
        if (r.getBudgetConfiguredFrom().isEmpty()) {
            return BudgetSource.configured(UNREPORTED_SOURCE, inForce);
        }
        BudgetSource configured = BudgetSource.configured(r.getBudgetConfiguredFrom(),
                new RepairBudget.Limits(Math.max(1, r.getConfiguredMaxConcurrentStripes()), r.getConfiguredBandwidthBytesPerSecond()));
        return r.getBudgetSetBy().isEmpty() ? configured
                : configured.overriddenBy(r.getBudgetSetBy(), r.getBudgetSetAt().isEmpty() ? Instant.EPOCH : Instant.parse(r.getBudgetSetAt()));
    }

    /** The request's fields as a {@link BudgetChange} by {@code caller}; unsigned values above Java's range stay refusable. */
    public static BudgetChange change(RepairBudgetRequest in, String caller) {
        return new BudgetChange(in.hasMaxConcurrentStripes() ? Optional.of(in.getMaxConcurrentStripes()) : Optional.empty(),
                in.hasBandwidthBytesPerSecond() ? Optional.of(in.getBandwidthBytesPerSecond()) : Optional.empty(),
                in.getUnlimitedBandwidth(), in.getReset(), caller);
    }
}
