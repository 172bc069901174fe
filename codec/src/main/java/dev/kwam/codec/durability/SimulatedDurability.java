package dev.kwam.codec.durability;

/**
 * What the Monte Carlo run observed, with 99% confidence intervals. Every trial is one mission of one
 * stripe started in the long-run (stationary) state, so it estimates exactly what the closed form computes.
 *
 * @param trials                 simulated missions
 * @param simulatedYears         trials × mission time, in years of 8766 h
 * @param lossEvents             entries into the lost state (a stripe that flickers across the edge counts each time)
 * @param stripeLossesPerYear    lossEvents / simulatedYears: compare with {@link DurabilityEstimate#stripeLossesPerYear()}
 * @param stripeLossesPerYearLow lower end of its 99% interval (batch means over trials, so clustered re-entries widen it)
 * @param stripeLossesPerYearHigh upper end
 * @param lostFraction           fraction of simulated time the stripe spent unrecoverable (estimates π)
 * @param probability            P(object lost during the mission) from the observed rate and lostFraction, by the
 *                               closed form's own formula 1 - (1-π)^S exp(-S ν T)
 * @param probabilityLow         from the rate's lower bound
 * @param probabilityHigh        from the rate's upper bound
 * @param firstLossProbability   fraction of trials in which the stripe was unrecoverable at least once (the
 *                               physical "lost during the mission" for one stripe, without re-entries)
 * @param firstLossLow           Wilson 99% lower bound
 * @param firstLossHigh          Wilson 99% upper bound
 */
public record SimulatedDurability(int trials, double simulatedYears, long lossEvents, double stripeLossesPerYear,
        double stripeLossesPerYearLow, double stripeLossesPerYearHigh, double lostFraction, double probability,
        double probabilityLow, double probabilityHigh, double firstLossProbability, double firstLossLow,
        double firstLossHigh) {

    /** Two-sided 99% normal quantile. */
    public static final double Z99 = 2.5758293035489004;

    public boolean rateIntervalContains(double stripeLossesPerYear) {
        return stripeLossesPerYear >= stripeLossesPerYearLow && stripeLossesPerYear <= stripeLossesPerYearHigh;
    }
}
