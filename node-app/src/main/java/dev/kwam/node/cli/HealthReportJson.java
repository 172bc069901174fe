package dev.kwam.node.cli;

import dev.kwam.codec.FragmentStatus;
import dev.kwam.codec.HealthReport;
import dev.kwam.codec.StripeHealth;

/** {@code kwam verify --format json}: the shape documented in docs/cli.md, one line. */
final class HealthReportJson {

    private HealthReportJson() {
    }

    static String render(HealthReport report) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("manifest", report.manifestCid().toString())
                .field("object", report.objectCid().toString())
                .field("healthy", report.healthy())
                .field("recoverable", report.recoverable())
                .name("stripes").beginArray();
        for (StripeHealth stripe : report.stripes()) {
            json.beginObject()
                    .field("stripe", stripe.stripe())
                    .field("needed", stripe.needed())
                    .field("recoverable", stripe.recoverable())
                    .name("fragments").beginArray();
            for (FragmentStatus f : stripe.fragments()) {
                json.beginObject()
                        .field("index", f.fragmentIndex())
                        .field("cid", f.cid().toString())
                        .field("state", f.state().label())
                        .field("reason", f.reason())
                        .endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }
}
