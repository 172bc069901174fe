package dev.kwam.codec.durability;

import dev.kwam.codec.CodecSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The closed-form durability model the policy compiler checks a {@code guard}'s nines against (see
 * docs/durability.md for the formulas, the assumptions and where they are optimistic or pessimistic).
 *
 * <p>A stripe is lost while more of its fragments are unreadable than the code tolerates. Fragments
 * become unreadable through independent node loss (restored after MTTR, each on its own clock) and through
 * the loss of a fault domain at any listed level, which takes every fragment of the stripe inside it out
 * for the level's recovery time; node and domain failures keep arriving during a domain outage. Over a
 * mission of T hours, with ν the long-run rate at which a stripe enters the lost state and π the
 * probability it is in that state at a given moment:
 *
 * <pre>
 *   P(stripe lost)  = 1 - (1 - π) · exp(-ν T)
 *   P(object lost)  = 1 - (1 - π)^S · exp(-S ν T)      for an object of S stripes
 * </pre>
 *
 * Counting every entry (a stripe that flickers across the edge counts each time) and treating stripes as
 * independent both make these upper bounds of the physical figure.
 */
public final class DurabilityModel {

    public static final String NAME = "kwam-durability/1 (steady-state fault tree: independent nodes + nested fault domains, "
            + "parallel repair, guaranteed tolerance)";

    private DurabilityModel() {
    }

    /** The annual (mission-time) probability of losing an object stored as {@code codec} stripes. */
    public static DurabilityEstimate annualLossProbability(CodecSpec codec, DurabilityInputs inputs) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(inputs, "inputs");
        double missionHours = inputs.missionHours();
        long stripes = inputs.stripesPerObject();

        StripeLayout layout = StripeLayout.of(codec, inputs);
        LossFrequency all = LossFrequency.of(layout);
        LossFrequency independent = LossFrequency.of(StripeLayout.of(codec, inputs, List.of()));

        double stripeP = objectLoss(all, 1, missionHours);
        double objectP = objectLoss(all, stripes, missionHours);
        double independentP = objectLoss(independent, stripes, missionHours);
        double correlatedP = Math.max(0.0, objectP - independentP);

        double perHour = all.perHour();
        List<DurabilityEstimate.LossTerm> terms = new ArrayList<>();
        for (Map.Entry<String, Double> trigger : orderedTriggers(all, layout.levelNames())) {
            double share = perHour > 0 ? trigger.getValue() / perHour : 0.0;
            terms.add(new DurabilityEstimate.LossTerm(trigger.getKey(), Math.min(1.0, objectP * share)));
        }

        double reported = floored(objectP);
        return new DurabilityEstimate(NAME, reported, DurabilityEstimate.ninesOf(reported),
                objectP < DurabilityEstimate.FLOOR, floored(stripeP), perHour * DurabilityInputs.hours(DurabilityInputs.ONE_YEAR),
                floored(independentP), correlatedP, terms);
    }

    // 1 - (1-π)^S · exp(-S ν T), as -expm1(S·log1p(-π) - S ν T) so that 1e-20 stays 1e-20.
    private static double objectLoss(LossFrequency f, long stripes, double missionHours) {
        double exponent = stripes * Math.log1p(-Math.min(f.lostNow, 1.0)) - stripes * f.perHour() * missionHours;
        double p = -Math.expm1(exponent);
        if (Double.isNaN(p) || p < 0) {
            throw new IllegalStateException("durability model produced p=" + p + " (lost-now " + f.lostNow + ", rate "
                    + f.perHour() + "/h); this is a bug in the model, not in the inputs");
        }
        return Math.min(p, 1.0);
    }

    private static double floored(double p) {
        return Math.max(p, DurabilityEstimate.FLOOR);
    }

    private static List<Map.Entry<String, Double>> orderedTriggers(LossFrequency f, List<String> levelNames) {
        return levelNames.stream().map(name -> Map.entry(name, f.perHourByTrigger.getOrDefault(name, 0.0))).toList();
    }
}
