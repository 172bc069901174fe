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
     * {@code {"self":…,"members":[{"node":…,"address":…,"status":…,"reachable":…,"domains":{…},"dataEndpoint":…,"spiffeId":…}]}};
     * domains sorted by label so the output is stable.
     */
    static String status(KwamNode.ClusterState state) {
        JsonWriter json = new JsonWriter().beginObject().field("self", state.self()).name("members").beginArray();
        for (KwamNode.MemberInfo m : state.members()) {
            json.beginObject().field("node", m.node()).field("address", m.address()).field("status", m.status())
                    .field("reachable", m.reachable()).name("domains").beginObject();
            for (Map.Entry<String, String> label : new TreeMap<>(m.domains()).entrySet()) {
                json.field(label.getKey(), label.getValue());
            }
            json.endObject().field("dataEndpoint", m.dataEndpoint()).field("spiffeId", m.spiffeId()).endObject();
        }
        return json.endArray().endObject().toString();
    }
}
