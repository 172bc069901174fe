package dev.kwam.node.cli;

import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.TokenBody;
import dev.kwam.dsl.vocab.Capability;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A token's fields as people read them: times in ISO-8601 UTC with how far away they are. */
final class ConsentSummary {

    private ConsentSummary() {
    }

    static void describe(ConsentToken token, PrintWriter out, Clock clock) {
        TokenBody body = token.body();
        Instant now = clock.instant();
        List<String> destructive = body.capabilities().stream().filter(Capability::destructive)
                .map(Capability::keyword).toList();
        out.println("  format      version " + body.version());
        out.println("  id          " + body.id() + "  (single-use: spent once through consensus)");
        out.println("  signer      " + body.signer());
        out.println("  caps        " + String.join(", ", body.capabilities().stream().map(Capability::keyword).toList())
                + (destructive.isEmpty() ? "  (none destructive)" : "  (destructive: " + String.join(", ", destructive)
                + "; a grant with dual_control true needs 2 signatures)"));
        out.println("  resource    " + body.resource());
        out.println("  not before  " + body.notBeforeInstant() + "  (" + relative(body.notBeforeInstant(), now) + ")");
        out.println("  expires     " + body.expiresInstant() + "  (" + relative(body.expiresInstant(), now)
                + ", lifetime " + ConsentTtl.format(Duration.ofSeconds(body.expires() - body.notBefore())) + ")");
        out.println("  digest      " + body.digest().map(Object::toString).orElse("none (not bound to one artefact)"));
        out.println("  state       " + state(body, now));
    }

    /**
     * Where {@code now} falls in the validity window ({@code not_yet_valid}, {@code in_window},
     * {@code expired}), without the verifier's clock-skew allowance.
     */
    static String stateKey(TokenBody body, Instant now) {
        if (now.isBefore(body.notBeforeInstant())) {
            return "not_yet_valid";
        }
        return now.isBefore(body.expiresInstant()) ? "in_window" : "expired";
    }

    static String state(TokenBody body, Instant now) {
        switch (stateKey(body, now)) {
            case "not_yet_valid":
                return "not yet valid";
            case "in_window":
                return "within its validity window";
            default:
                return "EXPIRED";
        }
    }

    static String relative(Instant then, Instant now) {
        Duration d = Duration.between(now, then);
        if (d.abs().toSeconds() == 0) {
            return "now";
        }
        return d.isNegative() ? ConsentTtl.format(d) + " ago" : "in " + ConsentTtl.format(d);
    }
}
