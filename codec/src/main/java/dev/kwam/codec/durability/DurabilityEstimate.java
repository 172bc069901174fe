package dev.kwam.codec.durability;

import java.util.List;
import java.util.Objects;

/**
 * The closed form's answer for one codec and one set of inputs: the probability of losing an object
 * over the mission time (a year unless stated), its nines, and where the risk comes from.
 *
 * @param model                      the model's name and version, for audit records
 * @param probability                P(object lost during the mission), never below {@link #FLOOR}
 * @param nines                      floor(-log10 probability), so at most {@link #MAX_NINES}
 * @param atFloor                    true when the computed probability fell below {@link #FLOOR}
 * @param stripeProbability          P(one stripe lost during the mission), the same floor applied
 * @param stripeLossesPerYear        long-run loss events per stripe-year (the rate behind the probabilities)
 * @param independentOnlyProbability what independent node loss alone would give: the figure the guard
 *                                   must not be checked against
 * @param correlatedProbability      what fault-domain loss adds on top of it (probability - independentOnly)
 * @param terms                      the object's loss probability split by the failure that completes a
 *                                   loss: {@code node}, then each domain level
 */
public record DurabilityEstimate(String model, double probability, int nines, boolean atFloor,
        double stripeProbability, double stripeLossesPerYear, double independentOnlyProbability,
        double correlatedProbability, List<LossTerm> terms) {

    /**
     * The least probability the model reports (30 nines). Far below this the exponential and
     * independence assumptions, not the hardware, set the number; never claim more.
     */
    public static final double FLOOR = 1e-30;

    public static final int MAX_NINES = 30;

    /**
     * The share of the object's loss probability from loss events completed by one kind of failure.
     * A node failure that lands while a rack is down is a {@code node} term here: it is the domain-level
     * figures ({@link #correlatedProbability}) that say how much the domains add.
     */
    public record LossTerm(String trigger, double probability) {
        public LossTerm {
            Objects.requireNonNull(trigger, "trigger");
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("loss term '" + trigger + "': probability " + probability + " is not in [0, 1]");
            }
        }
    }

    public DurabilityEstimate {
        Objects.requireNonNull(model, "model");
        terms = List.copyOf(terms);
        if (!(probability >= FLOOR && probability <= 1)) {
            throw new IllegalArgumentException("probability " + probability + " is not in [" + FLOOR + ", 1]");
        }
        if (nines != ninesOf(probability)) {
            throw new IllegalArgumentException("nines " + nines + " do not match probability " + probability);
        }
    }

    /** True when the estimate meets a {@code durability <n>nines} target: p <= 10^-n. */
    public boolean meets(int targetNines) {
        return nines >= targetNines;
    }

    /** floor(-log10 p); Math.log10 is exact at powers of ten, so p = 1e-6 gives exactly 6. */
    static int ninesOf(double probability) {
        return (int) Math.floor(-Math.log10(probability));
    }
}
