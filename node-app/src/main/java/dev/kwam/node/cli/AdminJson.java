package dev.kwam.node.cli;

import dev.kwam.node.grpc.v1.DrainProgress;
import dev.kwam.node.grpc.v1.NodeMarkEntry;
import dev.kwam.node.grpc.v1.NodeMarks;
import dev.kwam.node.grpc.v1.Pointer;
import dev.kwam.node.grpc.v1.QuarantineResult;
import dev.kwam.node.grpc.v1.QuarantinedCopy;
import dev.kwam.node.grpc.v1.TrustRoots;
import dev.kwam.node.grpc.v1.TrustedSigner;

/** The JSON shapes of {@code kwam pointer}, {@code kwam trust}, {@code kwam node} and {@code kwam quarantine} (docs/cli.md). */
final class AdminJson {
    private AdminJson() {
    }

    static String pointer(Pointer p) {
        return new JsonWriter().beginObject().field("channel", p.getChannel()).field("cid", p.getCid())
                .field("version", p.getVersion()).field("set_at", p.getSetAt()).field("set_by", p.getSetBy())
                .field("previous", p.getPrevious()).endObject().toString();
    }

    static String marks(NodeMarks marks) {
        JsonWriter json = new JsonWriter().beginObject().name("marks").beginArray();
        for (NodeMarkEntry m : marks.getMarksList()) {
            json.beginObject().field("node", m.getNode()).field("state", m.getState()).field("since", m.getSince())
                    .field("by", m.getBy()).endObject();
        }
        return json.endArray().endObject().toString();
    }

    static String drain(DrainProgress p) {
        return new JsonWriter().beginObject().field("node", p.getNode()).field("state", p.getState())
                .field("remaining", p.getRemaining()).field("since", p.getSince()).field("by", p.getBy()).endObject().toString();
    }

    static String quarantine(QuarantineResult r) {
        JsonWriter json = new JsonWriter().beginObject().field("fragment", r.getFragment()).name("copies").beginArray();
        for (QuarantinedCopy c : r.getCopiesList()) {
            json.beginObject().field("node", c.getNode()).field("stripe", c.getStripe()).field("index", c.getIndex())
                    .field("outcome", c.getOutcome()).endObject();
        }
        return json.endArray().endObject().toString();
    }

    static String trust(TrustRoots roots) {
        JsonWriter json = new JsonWriter().beginObject().field("seeded", roots.getSeeded()).name("signers").beginArray();
        for (TrustedSigner s : roots.getSignersList()) {
            json.beginObject().field("key_id", s.getKeyId()).field("signer", s.getSigner()).field("person", s.getPerson())
                    .field("public_key", s.getPublicKey()).name("capabilities").beginArray();
            s.getCapabilitiesList().forEach(json::value);
            json.endArray().field("added_at", s.getAddedAt()).field("added_by", s.getAddedBy())
                    .field("state", s.getRevokedAt().isEmpty() ? "current" : "revoked")
                    .field("revoked_at", s.getRevokedAt()).field("revoked_by", s.getRevokedBy()).endObject();
        }
        return json.endArray().endObject().toString();
    }
}
