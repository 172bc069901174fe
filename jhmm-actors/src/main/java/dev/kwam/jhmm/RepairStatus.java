package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JHMM's answer to {@link RepairSupervisor.GetStatus}, for {@code kwam client repairs} and the HUD:
 * the plan riskiest first, what is running and how far it got, what is parked and why, and totals; the
 * budget in force ({@code limits}) and where it comes from ({@code budgetSource}). {@code rate} is the
 * measured repair rate over the recent repairs, empty until one has completed since the JHMM started on its
 * current node (docs/jhmm.md, "Risk as a number").
 */
public record RepairStatus(RepairPlan plan, List<Progress> running, List<ParkedStripe> parked, long repaired,
        long bytesMoved, RepairBudget.Limits limits, Instant at, BudgetSource budgetSource,
        Optional<RepairThroughput> rate) implements KwamSerializable {
    public RepairStatus {
        running = List.copyOf(running);
        parked = List.copyOf(parked);
        Objects.requireNonNull(budgetSource, "budgetSource");
        Objects.requireNonNull(rate, "rate (Optional.empty() when no repair was measured yet)");
    }

    /** A running repair: its last step, bytes moved so far, failed attempts. */
    public record Progress(Cid stripe, String step, long bytes, int failedAttempts, Instant since)
            implements KwamSerializable {
    }

    /** A stripe set aside: poisoned, or its repairs kept failing. {@code RetryParked} puts it back. */
    public record ParkedStripe(Cid stripe, String reason, Instant at) implements KwamSerializable {
    }
}
