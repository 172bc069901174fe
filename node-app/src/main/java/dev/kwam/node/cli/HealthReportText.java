package dev.kwam.node.cli;

import dev.kwam.codec.FragmentState;
import dev.kwam.codec.FragmentStatus;
import dev.kwam.codec.HealthReport;
import dev.kwam.codec.StripeHealth;
import dev.kwam.codec.manifest.Manifest;
import java.io.PrintWriter;

/** {@code kwam verify} for people: a summary, then one line per damaged fragment and per lost stripe. */
final class HealthReportText {

    private HealthReportText() {
    }

    static void print(Manifest manifest, HealthReport report, PrintWriter out) {
        long fragments = (long) manifest.chunks().size() * manifest.codec().totalCount();
        out.println("manifest   " + report.manifestCid());
        out.println("object     " + report.objectCid() + " (" + manifest.objectSize() + " bytes)");
        out.println("codec      " + manifest.codec() + ", " + manifest.chunks().size() + " stripes, " + fragments
                + " fragments");
        out.println("signer     " + manifest.signer() + "  (verify checks the signature, not who signed)");
        out.println("state      " + summary(report, fragments));
        for (StripeHealth stripe : report.stripes()) {
            for (FragmentStatus f : stripe.fragments()) {
                if (f.state() != FragmentState.OK) {
                    out.println("  stripe " + stripe.stripe() + "  fragment " + f.fragmentIndex() + "  "
                            + f.state().label() + "  " + f.cid() + "  (" + f.reason() + ")");
                }
            }
            if (!stripe.recoverable()) {
                out.println("  stripe " + stripe.stripe() + " is NOT recoverable: " + stripe.count(FragmentState.OK)
                        + " good fragment(s), " + stripe.needed() + " needed");
            }
        }
        out.flush();
    }

    static String summary(HealthReport report, long fragments) {
        if (report.healthy()) {
            return "HEALTHY: all " + fragments + " fragments present and intact";
        }
        String counts = report.missing() + " missing, " + report.corrupt() + " corrupt";
        return report.recoverable()
                ? "DAMAGED: " + counts + "; the object is still recoverable"
                : "UNRECOVERABLE: " + counts + "; some stripes lack enough good fragments";
    }
}
