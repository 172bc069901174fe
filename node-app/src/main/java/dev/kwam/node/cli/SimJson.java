package dev.kwam.node.cli;

import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.FleetSimulation;

/** {@code kwam sim --format json}: one object, every figure MODELED and simulated (docs/sim.md lists the fields). */
final class SimJson {
    private SimJson() {
    }

    static String render(dev.kwam.node.sim.SimInputs in, FleetSimulation.Result r, DurabilityEstimate closed) {
        FleetSimulation.Fleet f = r.fleet();
        JsonWriter json = new JsonWriter().beginObject().field("source", "MODELED").field("simulated", true)
                .field("nodes", f.nodes()).field("level", in.level()).field("domains", f.racks()).field("nodesPerDomain", f.nodesPerRack())
                .field("codec", f.codec().toString()).field("stripes", f.stripes()).field("years", f.years()).field("seed", r.seed())
                .name("inputs").beginObject().field("from", in.source()).field("nodeMtbfHours", hours(in.nodeMtbf()))
                .field("mttrHours", hours(in.mttr())).field("domainMtbfHours", hours(in.domainMtbf()))
                .field("recoveryHours", hours(in.recovery())).endObject()
                .field("nodeFailures", r.nodeFailures()).field("domainFailures", r.rackFailures()).field("mostNodesOut", r.mostNodesOut())
                .field("stripesLostPerYear", r.lossesPerYear()).field("low95", r.low()).field("high95", r.high())
                .field("perStripeYear", r.perStripeYear())
                .name("model").beginObject().field("source", "MODELED").field("name", closed.model())
                .field("perStripeYear", closed.stripeLossesPerYear())
                .field("comparable", SimCommand.comparable(r).isEmpty())
                .field("withinInterval", r.intervalContains(closed.stripeLossesPerYear()))
                .field("note", SimCommand.comparable(r).orElse("compared: the run saw enough domain failures")).endObject()
                .field("wallSeconds", r.wallNanos() / 1e9);
        return json.endObject().toString();
    }

    private static double hours(java.time.Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}
