package dev.kwam.node.sim;

import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.FleetSimulation;
import dev.kwam.hud.DurabilityReading;
import dev.kwam.hud.EventLog;
import dev.kwam.hud.FleetReading;
import dev.kwam.hud.HudData;
import dev.kwam.hud.HudEvent;
import dev.kwam.hud.ObjectsReading;
import dev.kwam.hud.RepairsReading;
import dev.kwam.hud.Source;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The HUD's readings of a modeled fleet while {@code kwam sim --serve} runs it: every record MODELED (the page says
 * so on every figure). Nodes and their fault domains come from {@link SimFleet}; the durability is the simulation's
 * own count of stripes lost so far, set against the closed-form model; membership changes and losses are events.
 * What the simulation does not model (objects, repairs one by one) is UNAVAILABLE with the reason, never empty.
 */
final class SimHudData implements HudData, FleetSimulation.Listener {
    private final SimFleet fleet;
    private final SimInputs inputs;
    private final DurabilityEstimate model;
    private final Clock clock;
    private final EventLog events = new EventLog(10_000);
    private final DoubleAdder lost = new DoubleAdder();
    private volatile double hour;
    private volatile FleetReading cached;
    private volatile long cachedVersion = -1;

    SimHudData(SimFleet fleet, SimInputs inputs, DurabilityEstimate model, Clock clock) {
        this.fleet = fleet;
        this.inputs = inputs;
        this.model = model;
        this.clock = clock;
    }

    /**
     * The fleet reading is rebuilt at most this often: 100,000 records take tens of milliseconds, and a running simulation
     * changes the fleet dozens of times a second, so every API call would rebuild them. Its observed_at says how old it is.
     */
    static final java.time.Duration REBUILD_AT_MOST_EVERY = java.time.Duration.ofSeconds(1);

    @Override
    public CompletionStage<FleetReading> fleet() {
        long version = fleet.version();
        FleetReading reading = cached;
        if (reading == null || (cachedVersion != version
                && java.time.Duration.between(reading.observedAt(), clock.instant()).compareTo(REBUILD_AT_MOST_EVERY) >= 0)) {
            reading = new FleetReading("kwam-sim", fleet.records(), "none: a modeled fleet serves no calls",
                    "none: a modeled fleet has no consensus group", Source.MODELED, clock.instant());
            cached = reading;
            cachedVersion = version;
        }
        return CompletableFuture.completedFuture(reading);
    }

    @Override
    public CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after) {
        return CompletableFuture.failedFuture(new IllegalStateException("a modeled fleet stores no objects: kwam sim counts "
                + fleet.fleet().stripes() + " stripes, not their bytes"));
    }

    @Override
    public CompletionStage<ObjectsReading.One> object(String cid) {
        return objects(1, Optional.empty()).thenApply(p -> null);
    }

    @Override
    public CompletionStage<RepairsReading> repairs() {
        return CompletableFuture.failedFuture(new IllegalStateException("kwam sim does not model repairs one by one: a failed node "
                + "is out for the MTTR (" + SimInputs.hours(inputs.mttr()) + "), a failed " + inputs.level() + " for "
                + SimInputs.hours(inputs.recovery())));
    }

    @Override
    public CompletionStage<DurabilityReading> durability() {
        double years = hour / 8766.0;
        long stripes = fleet.fleet().stripes();
        Optional<DurabilityReading.Figure> figure = Optional.empty();
        List<String> unavailable = new ArrayList<>();
        Optional<DurabilityReading.Target> target = inputs.target().map(t -> new DurabilityReading.Target(t.guard(), t.nines(),
                t.guardsOwnNines(), t.replicate()));
        if (lost.sum() > 0 && years > 0) {
            double perStripeYear = lost.sum() / years / stripes;
            double p = -Math.expm1(-perStripeYear);
            int nines = (int) Math.floor(-Math.log10(p));
            figure = Optional.of(new DurabilityReading.Figure(fleet.fleet().codec().toString(), nines, p,
                    target.map(t -> nines >= t.nines()).orElse(true), "simulated"));
        } else {
            unavailable.add(String.format(Locale.ROOT, "no stripe lost in %.1f simulated hour(s): the simulated figure is UNAVAILABLE "
                    + "until one is (the model gives %d nines)", hour, model.nines()));
        }
        if (target.isEmpty()) {
            unavailable.add("durability target: UNAVAILABLE (kwam sim ran without --policy)");
        }
        int m = fleet.fleet().codec().guaranteedTolerance();
        DurabilityReading.CodecClass codec = new DurabilityReading.CodecClass(fleet.fleet().codec().toString(), stripes,
                List.of(new DurabilityReading.Survives("node", m, fleet.fleet().nodes(), 1),
                        new DurabilityReading.Survives(inputs.level(), m, fleet.fleet().racks(), 1)), figure);
        return CompletableFuture.completedFuture(new DurabilityReading(target, figure, List.of(codec),
                Optional.of(inputs.mttr().toMillis() / 1000.0), "SIMULATED", "every failed node is out for the MTTR of the inputs: "
                        + inputs.source(), fleet.fleet().nodes(), stripes, 0, 0, unavailable, Source.MODELED, clock.instant()));
    }

    @Override
    public EventLog events() {
        return events;
    }

    // --- the simulation, as it runs ---------------------------------------------------------

    @Override
    public void nodeDown(double at, int node) {
        hour = at;
        fleet.node(node, true);
        membership(at, SimFleet.name(node) + " failed (simulated)", node, "down");
    }

    @Override
    public void nodeUp(double at, int node) {
        hour = at;
        fleet.node(node, false);
        membership(at, SimFleet.name(node) + " back after its MTTR (simulated)", node, "up");
    }

    @Override
    public void rackDown(double at, int rack) {
        hour = at;
        fleet.rack(rack, true);
        domain(at, fleet.rackLabels(rack).get("rack") + " failed: its nodes are out (simulated)", rack, "down");
    }

    @Override
    public void rackUp(double at, int rack) {
        hour = at;
        fleet.rack(rack, false);
        domain(at, fleet.rackLabels(rack).get("rack") + " recovered (simulated)", rack, "up");
    }

    @Override
    public void lost(double at, double expected) {
        lost.add(expected);
    }

    /** Hours simulated so far. */
    double hour() {
        return hour;
    }

    private void membership(double at, String summary, int node, String status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", SimFleet.name(node));
        fields.put("status", status);
        fields.put("sim_hour", Math.round(at * 100) / 100.0);
        fields.put("simulated", true);
        events.append(new HudEvent.Draft(HudEvent.Type.MEMBERSHIP, clock.instant(), Source.MODELED, summary, fields,
                domains(fleet.rackOf(node))));
    }

    private void domain(double at, String summary, int rack, String status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("rack", fleet.rackLabels(rack).get("rack"));
        fields.put("status", status);
        fields.put("sim_hour", Math.round(at * 100) / 100.0);
        fields.put("simulated", true);
        events.append(new HudEvent.Draft(HudEvent.Type.MEMBERSHIP, clock.instant(), Source.MODELED, summary, fields,
                domains(rack)));
    }

    /** The rack's domains as the HUD names them, widest first: {@code region=sim}, {@code az=az-0} … {@code rack=rack-7}. */
    private List<String> domains(int rack) {
        Map<String, String> labels = fleet.rackLabels(rack);
        return List.of("region=" + labels.get("region"), "az=" + labels.get("az"), "spine=" + labels.get("spine"),
                "pdu=" + labels.get("pdu"), "rack=" + labels.get("rack"));
    }
}
