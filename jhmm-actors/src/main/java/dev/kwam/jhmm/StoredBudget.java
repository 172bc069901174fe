package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster-wide repair budget as Distributed Data keeps it ({@link BudgetKeeper#KEY}, a last-writer-wins
 * register), so that a JHMM that moves to another node, or restarts, carries on with what an operator set.
 * A reset is stored too, as a value without an override: a register cannot be emptied without being deleted
 * for good, and the reset's author and time are worth keeping.
 *
 * @param override       the limits an operator set; empty after a reset
 * @param setBy          who set (or reset) it: a SPIFFE ID, or {@link BudgetChange#ACTOR_API}
 * @param setAt          when, by the JHMM host's clock
 * @param policyLimits   the configured limits the writer overrode (for the record: each host applies its own)
 */
public record StoredBudget(Optional<RepairBudget.Limits> override, String setBy, Instant setAt, RepairBudget.Limits policyLimits)
        implements KwamSerializable {
    public StoredBudget {
        Objects.requireNonNull(override, "override");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
        Objects.requireNonNull(policyLimits, "policyLimits");
    }

    /** The limits in force on a host whose configured limits are {@code configured}. */
    public RepairBudget.Limits inForce(RepairBudget.Limits configured) {
        return override.orElse(configured);
    }

    /** Where {@link #inForce} comes from, on a host configured from {@code configuredFrom}. */
    public BudgetSource source(String configuredFrom, RepairBudget.Limits configured) {
        BudgetSource base = BudgetSource.configured(configuredFrom, configured);
        return override.isPresent() ? base.overriddenBy(setBy, setAt) : base;
    }
}
