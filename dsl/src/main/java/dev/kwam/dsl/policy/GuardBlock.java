package dev.kwam.dsl.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@code guard} block with its durability verdict. Every input of the math is required — an
 * omitted MTBF is never filled with a flattering default (KW-L011). {@code on_violation} defaults
 * to {@code quarantine}; {@code error_budget} is a percentage of out-of-SLO time and never combines
 * with the nines.
 */
public record GuardBlock(String name, int durabilityNines, Duration mttrRestore, Duration recoveryTime, Duration nodeMtbf,
                        Duration domainMtbf, String integrity, OnViolation onViolation, Optional<BigDecimal> errorBudgetPercent,
                        Optional<Duration> budgetWindow, GuardMath math) {

    public enum OnViolation { QUARANTINE, ALERT, DRAIN, REFUSE }
}
