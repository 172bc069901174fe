package dev.kwam.hud;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code GET /api/durability}: the headline. The fleet's durability in nines next to the guard's target, and for
 * each codec class the failures it still survives per fault-domain level ("survives any 1 rack, 0 az"). Figures are
 * MODELED; the counts they rest on are the reading's own label; what is missing is UNAVAILABLE with the reason.
 */
final class DurabilityRoutes {
    private final HudData data;
    private final Answers answers;

    DurabilityRoutes(HudData data, Answers answers) {
        this.data = data;
        this.answers = answers;
    }

    CompletionStage<HttpResponse> answer() {
        return data.durability().thenApply(d -> Answers.ok(render(d))).exceptionally(f -> answers.unreadable("the durability", f));
    }

    static String render(DurabilityReading d) {
        Json json = new Json().beginObject().name("target").beginObject();
        if (d.target().isPresent()) {
            DurabilityReading.Target t = d.target().get();
            json.field("guard", t.guard()).field("nines", t.nines()).field("guards_own_nines", t.guardsOwnNines())
                    .field("replicate", t.replicate());
            Answers.labels(json, Source.LIVE, d.observedAt());
        } else {
            json.field("reason", "no guard: the node runs without a policy, or its policy has no guard block");
            Answers.labels(json, Source.UNAVAILABLE, d.observedAt());
        }
        json.endObject().name("fleet");
        figure(json, d.fleet(), d, "no codec has a figure: " + String.join("; ", d.unavailable()));
        json.name("codecs").beginArray();
        for (DurabilityReading.CodecClass c : d.codecs()) {
            json.beginObject().field("codec", c.codec()).field("stripes", c.stripes());
            StringBuilder words = new StringBuilder("survives any");
            json.name("survives").beginArray();
            for (DurabilityReading.Survives s : c.survives()) {
                json.beginObject().field("level", s.level()).field("failures", s.failures()).field("domains", s.domains())
                        .field("most_fragments_in_one", s.mostFragmentsInOne());
                Answers.labels(json, d.source() == Source.MODELED ? Source.MODELED : Source.LIVE, d.observedAt());
                json.endObject();
                words.append(words.length() > "survives any".length() ? ", " : " ").append(s.failures()).append(' ').append(s.level());
            }
            json.endArray().field("summary", words.toString()).name("modeled");
            figure(json, c.modeled(), d, "an input of the model is UNAVAILABLE: " + String.join("; ", d.unavailable()));
            Answers.labels(json, d.source() == Source.MODELED ? Source.MODELED : Source.LIVE, d.observedAt());
            json.endObject();
        }
        json.endArray().name("live_guard").beginObject();
        if (d.live().isPresent()) {
            DurabilityReading.Live l = d.live().get();
            json.field("guard", l.guard()).field("target_nines", l.targetNines()).field("on_violation", l.onViolation())
                    .field("breached", l.breached()).field("loss_before_repair", l.lossBeforeRepair())
                    .field("worst_stripe", l.worstStripe().orElse(null)).field("window_seconds", l.windowSeconds())
                    .field("window_source", l.windowSource()).field("reason", l.reason());
            Answers.labels(json, Source.MODELED, d.observedAt());
        } else {
            json.field("reason", "no live figure: the node runs without a guard");
            Answers.labels(json, Source.UNAVAILABLE, d.observedAt());
        }
        json.endObject().name("mttr").beginObject();
        if (d.mttrSeconds().isPresent()) {
            json.field("seconds", Math.round(d.mttrSeconds().get()));
        } else {
            json.field("seconds", (String) null);
        }
        json.field("from", d.mttrSource()).field("explanation", d.mttrExplanation());
        Answers.labels(json, d.mttrSeconds().isPresent() ? Source.MODELED : Source.UNAVAILABLE, d.observedAt());
        json.endObject().field("live_nodes", d.liveNodes()).field("stripes", d.stripes()).field("below_full", d.belowFull())
                .field("parked", d.parked()).value("unavailable", d.unavailable());
        Answers.labels(json, d.source(), d.observedAt());
        return json.endObject().toString();
    }

    private static void figure(Json json, java.util.Optional<DurabilityReading.Figure> figure, DurabilityReading d, String whyNot) {
        json.beginObject();
        if (figure.isPresent()) {
            DurabilityReading.Figure f = figure.get();
            json.field("codec", f.codec()).field("nines", f.nines()).field("annual_loss_probability", f.probability())
                    .field("meets_target", f.meetsTarget()).field("dominant_term", f.dominantTerm());
            Answers.labels(json, Source.MODELED, d.observedAt());
        } else {
            json.field("reason", whyNot);
            Answers.labels(json, Source.UNAVAILABLE, d.observedAt());
        }
        json.endObject();
    }
}
