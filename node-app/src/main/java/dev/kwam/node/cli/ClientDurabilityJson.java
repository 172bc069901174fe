package dev.kwam.node.cli;

import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.jhmm.RepairThroughput;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.GuardTarget;
import dev.kwam.jhmm.risk.LiveGuard;
import java.util.Optional;

/**
 * The JSON of {@code kwam client durability}, one line, shape fixed in docs/cli.md. The document carries
 * {@code "label":"MODELED"}; each part says where it comes from in {@code "source"} — {@code LIVE} (read from the
 * fleet), {@code MODELED} (computed by the durability model) or {@code UNAVAILABLE} (could not be read, with a
 * {@code "reason"}, and no other fields) — so a missing input is explicit and never a 0.
 */
final class ClientDurabilityJson {
    private ClientDurabilityJson() {
    }

    static String durability(FleetRisk r) {
        JsonWriter json = new JsonWriter().beginObject().field("label", r.label()).field("at", r.at().toString());
        json.name("levels").beginArray();
        r.levels().forEach(json::value);
        json.endArray().field("levelsSource", r.levelsSource()).field("liveNodes", r.liveNodes()).field("stripes", r.stripes())
                .field("unresolvedStripes", r.unresolved());

        json.name("fullestNode");
        if (r.fullestNode().isPresent()) {
            FleetRisk.FullestNode f = r.fullestNode().get();
            json.beginObject().field("source", "LIVE").field("node", f.node()).field("fragments", f.fragments())
                    .field("bytes", f.bytes()).endObject();
        } else {
            unavailable(json, "no live node holds a readable fragment");
        }

        json.name("repairRate");
        if (r.rate().isPresent()) {
            rate(json, r.rate().get());
        } else {
            unavailable(json, "no repair has completed since the JHMM started on its current node");
        }

        FleetRisk.Mttr m = r.mttr();
        json.name("mttr").beginObject().field("source", m.value().isPresent() ? "MODELED" : "UNAVAILABLE")
                .field("basis", m.source().name()).name("ms");
        if (m.value().isPresent()) {
            json.value(m.value().get().toMillis());
        } else {
            json.nullValue();
        }
        json.field("explanation", m.explanation()).field("detectionMs", m.detection().time().toMillis())
                .field("detectionBasis", m.detection().source()).endObject();

        json.name("guard");
        if (r.guard().isPresent()) {
            guard(json, r.guard().get());
        } else {
            unavailable(json, "the JHMM's host runs without a policy guard: target, node_mtbf, domain_mtbf, recovery_time and "
                    + "mttr_restore are unknown");
        }

        json.name("liveGuard");
        if (r.live().isPresent()) {
            live(json, r.live().get());
        } else {
            unavailable(json, "the JHMM's host runs without a policy guard: there is nothing to hold the fleet to");
        }

        FleetRisk.Exposure e = r.exposure();
        json.name("exposure").beginObject().field("source", "LIVE").field("belowFull", e.belowFull()).name("bySpare").beginArray();
        e.bySpare().forEach(s -> json.beginObject().field("spare", s.spare()).field("stripes", s.stripes()).endObject());
        json.endArray().name("oldestBelowFullSinceMs");
        optional(json, e.oldestSince());
        json.name("oldestBelowFullForMs");
        optional(json, e.oldestFor().map(java.time.Duration::toMillis));
        json.field("parked", e.parked()).endObject();

        json.name("codecs").beginArray();
        for (FleetRisk.CodecRisk c : r.codecs()) {
            json.beginObject().field("codec", c.codec()).field("stripes", c.stripes()).field("mostOnOneNode", c.mostOnOneNode())
                    .name("levels").beginArray();
            c.levels().forEach(l -> json.beginObject().field("level", l.level()).field("liveDomains", l.liveDomains())
                    .field("unlabelledNodes", l.unlabelledNodes()).field("mostFragments", l.mostFragments())
                    .field("modeledFragments", l.modeledFragments()).endObject());
            json.endArray().name("modeled");
            if (c.modeled().isPresent()) {
                modeled(json, c.modeled().get());
            } else {
                unavailable(json, c.unavailable());
            }
            json.endObject();
        }
        json.endArray().name("fleet");
        if (r.fleet().isPresent()) {
            FleetRisk.FleetFigure f = r.fleet().get();
            DurabilityEstimate w = f.worst().perStripe();
            json.beginObject().field("source", "MODELED").field("worstCodec", f.worstCodec()).field("probability", w.probability())
                    .field("nines", w.nines()).field("meetsTarget", f.worst().meetsTarget()).field("dominantTerm", f.worst().dominantTerm())
                    .field("anyStripeLost", f.anyStripeLost()).endObject();
        } else {
            unavailable(json, "no codec has a modeled figure (see unavailable)");
        }
        json.name("unavailable").beginArray();
        r.unavailable().forEach(json::value);
        return json.endArray().endObject().toString();
    }

    /** {@code {"source":"LIVE","bytesPerSecond":…,"bytesRestored":…,"bytesMoved":…,"busyMs":…,"stripes":…,"from":…,"until":…}} */
    static void rate(JsonWriter json, RepairThroughput t) {
        json.beginObject().field("source", "LIVE").field("bytesPerSecond", t.bytesPerSecond()).field("bytesRestored", t.bytesRestored())
                .field("bytesMoved", t.bytesMoved()).field("busyMs", t.busy().toMillis()).field("stripes", t.stripes())
                .field("from", t.from().toString()).field("until", t.until().toString()).endObject();
    }

    static void unavailable(JsonWriter json, String reason) {
        json.beginObject().field("source", "UNAVAILABLE").field("reason", reason).endObject();
    }

    private static void optional(JsonWriter json, Optional<Long> value) {
        if (value.isPresent()) {
            json.value(value.get());
        } else {
            json.nullValue();
        }
    }

    private static void guard(JsonWriter json, GuardTarget g) {
        json.beginObject().field("source", "MODELED").field("name", g.guard()).field("targetNines", g.targetNines())
                .field("nodeMtbfMs", g.nodeMtbf().toMillis()).field("domainMtbfMs", g.domainMtbf().toMillis())
                .field("recoveryTimeMs", g.recoveryTime().toMillis()).field("mttrRestoreMs", g.mttrRestore().toMillis())
                .name("levels").beginArray();
        g.levels().forEach(json::value);
        json.endArray().field("codec", g.codec().toString()).field("replicate", g.replicate()).field("fleetShape", g.fleetShape())
                .field("probability", g.estimate().probability()).field("nines", g.estimate().nines())
                .field("dominantTerm", g.dominantTerm()).field("onViolation", g.onViolation()).endObject();
    }

    private static void live(JsonWriter json, LiveGuard l) {
        json.beginObject().field("source", "MODELED").field("guard", l.guard()).field("targetNines", l.targetNines())
                .field("onViolation", l.onViolation()).field("breached", l.breached()).field("lossBeforeRepair", l.lossBeforeRepair())
                .name("worstStripe");
        if (l.worstStripe().isPresent()) {
            json.value(l.worstStripe().get());
        } else {
            json.nullValue();
        }
        json.field("windowMs", l.window().toMillis()).field("windowSource", l.windowSource()).field("reason", l.reason()).endObject();
    }

    private static void modeled(JsonWriter json, FleetRisk.Modeled m) {
        DurabilityEstimate e = m.perStripe();
        json.beginObject().field("source", "MODELED").field("probability", e.probability()).field("nines", e.nines())
                .field("atFloor", e.atFloor()).field("independentOnlyProbability", e.independentOnlyProbability())
                .field("correlatedProbability", e.correlatedProbability()).field("dominantTerm", m.dominantTerm())
                .field("meetsTarget", m.meetsTarget()).field("anyStripeLost", m.anyStripeLost()).name("terms").beginArray();
        e.terms().forEach(t -> json.beginObject().field("trigger", t.trigger()).field("probability", t.probability()).endObject());
        json.endArray().endObject();
    }
}
