package dev.kwam.node.cli;

import dev.kwam.node.api.KwamNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of {@code kwam client stat} and {@code kwam client status}, one line each, shapes fixed in
 * docs/cli.md: field names and order are a contract with scripts, so they are written out here rather
 * than derived from the records.
 */
final class ClientJson {
    private ClientJson() {
    }

    /** {@code {"cid":…,"size":…,"stripes":[{"index":…,"k":…,"m":…,"fragments":[{"index":…,"cid":…,"node":…,"state":…}]}]}} */
    static String stat(KwamNode.ObjectStat stat) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("cid", stat.object().cid().toString())
                .field("size", stat.object().size())
                .name("stripes").beginArray();
        for (KwamNode.StripeStat stripe : stat.stripes()) {
            json.beginObject().field("index", stripe.index()).field("k", stripe.k()).field("m", stripe.m())
                    .name("fragments").beginArray();
            for (KwamNode.FragmentStat f : stripe.fragments()) {
                json.beginObject().field("index", f.index()).field("cid", f.cid().toString()).field("node", f.node())
                        .field("state", f.state()).endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }

    /**
     * {@code {"self":…,"authorization":…,"members":[{"node":…,"address":…,"status":…,"reachable":…,"domains":{…},"dataEndpoint":…,"spiffeId":…}]}};
     * domains sorted by label so the output is stable.
     */
    static String status(KwamNode.ClusterState state) {
        JsonWriter json = new JsonWriter().beginObject().field("self", state.self()).field("authorization", state.authorization())
                .field("consensus", state.consensus())
                .name("members").beginArray();
        for (KwamNode.MemberInfo m : state.members()) {
            json.beginObject().field("node", m.node()).field("address", m.address()).field("status", m.status())
                    .field("reachable", m.reachable()).name("domains").beginObject();
            for (Map.Entry<String, String> label : new TreeMap<>(m.domains()).entrySet()) {
                json.field(label.getKey(), label.getValue());
            }
            json.endObject().field("dataEndpoint", m.dataEndpoint()).field("spiffeId", m.spiffeId()).field("mark", m.mark()).endObject();
        }
        return json.endArray().endObject().toString();
    }

    /**
     * {@code {"at":…,"limits":{…},"repaired":…,"bytesMoved":…,"stripes":[…],"parked":[…],"repairRate":{…}}}: the JHMM's plan riskiest
     * first, each stripe with its losses, targets and progress. The shape is fixed in docs/cli.md.
     */
    static String repairs(dev.kwam.jhmm.RepairStatus status) {
        java.util.Map<dev.kwam.codec.Cid, dev.kwam.jhmm.RepairStatus.Progress> running = dev.kwam.node.grpc.RepairMessages.running(status);
        JsonWriter json = new JsonWriter().beginObject().field("at", status.at().toString())
                .name("limits").beginObject().field("maxConcurrentStripes", status.limits().maxConcurrentStripes())
                .field("bytesPerSecond", status.limits().bytesPerSecond()).endObject();
        budget(json, status.budgetSource());
        json.field("repaired", status.repaired()).field("bytesMoved", status.bytesMoved())
                .name("stripes").beginArray();
        for (dev.kwam.jhmm.RepairPlan.StripePlan p : status.plan().stripes()) {
            dev.kwam.jhmm.RepairStatus.Progress pr = running.get(p.stripe());
            json.beginObject().field("stripe", p.stripe().toString()).field("manifest", p.manifest().toString())
                    .field("stripeIndex", p.stripeIndex()).field("codec", p.codec()).field("spare", p.spare())
                    .field("state", dev.kwam.node.grpc.RepairMessages.state(p, running))
                    .field("step", pr == null ? "" : pr.step()).field("bytes", pr == null ? 0 : pr.bytes())
                    .field("failedAttempts", pr == null ? 0 : pr.failedAttempts())
                    .field("belowFullSinceMs", p.belowFullSinceMillis())
                    .field("deferredUntil", p.deferredUntil().map(Object::toString).orElse(""))
                    .name("survivors").beginArray();
            p.survivors().forEach(h -> json.beginObject().field("index", h.index()).field("node", h.node()).endObject());
            json.endArray().name("losses").beginArray();
            p.losses().forEach(l -> json.beginObject().field("index", l.index()).field("fragment", l.fragment().toString())
                    .field("node", l.node()).field("cause", dev.kwam.node.grpc.RepairMessages.cause(l.cause())).endObject());
            json.endArray().name("targets").beginArray();
            p.targets().forEach(t -> json.beginObject().field("index", t.index()).field("node", t.node()).endObject());
            json.endArray().name("unplaced").beginArray();
            p.unplaced().forEach(i -> json.value(i));
            json.endArray().name("sources").beginArray();
            p.sources().forEach(i -> json.value(i));
            json.endArray().endObject();
        }
        json.endArray().name("parked").beginArray();
        for (dev.kwam.jhmm.RepairStatus.ParkedStripe parked : status.parked()) {
            json.beginObject().field("stripe", parked.stripe().toString()).field("reason", parked.reason())
                    .field("at", parked.at().toString()).endObject();
        }
        json.endArray().name("repairRate");
        if (status.rate().isPresent()) {
            ClientDurabilityJson.rate(json, status.rate().get());
        } else {
            ClientDurabilityJson.unavailable(json, "no repair has completed since the JHMM started on its current node");
        }
        return json.endObject().toString();
    }

    /**
     * {@code {"at":…,"limits":{…},"budget":{…}[,"replicated":…]}}: the budget in force, where it comes from, and
     * after a change whether a majority stored it. The shape is fixed in docs/cli.md.
     */
    static String repairBudget(dev.kwam.node.api.KwamNode.RepairReport report) {
        dev.kwam.jhmm.RepairStatus status = report.status();
        JsonWriter json = new JsonWriter().beginObject().field("at", status.at().toString())
                .name("limits").beginObject().field("maxConcurrentStripes", status.limits().maxConcurrentStripes())
                .field("bytesPerSecond", status.limits().bytesPerSecond()).endObject();
        budget(json, status.budgetSource());
        report.budgetReplicated().ifPresent(replicated -> json.field("replicated", replicated));
        return json.endObject().toString();
    }

    /** {@code "budget":{"source":…,"configuredFrom":…,"configured":{…},"setBy":…,"setAt":…}}; setBy/setAt empty without an override. */
    private static void budget(JsonWriter json, dev.kwam.jhmm.BudgetSource source) {
        json.name("budget").beginObject().field("source", source.describe()).field("configuredFrom", source.configuredFrom())
                .name("configured").beginObject().field("maxConcurrentStripes", source.configured().maxConcurrentStripes())
                .field("bytesPerSecond", source.configured().bytesPerSecond()).endObject()
                .field("setBy", source.override().map(dev.kwam.jhmm.BudgetSource.Override::setBy).orElse(""))
                .field("setAt", source.override().map(o -> o.setAt().toString()).orElse("")).endObject();
    }
}
