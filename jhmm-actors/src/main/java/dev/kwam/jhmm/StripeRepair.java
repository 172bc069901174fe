package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentProblem;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One stripe's repair, start to finish: claim the targets in the census → fetch sources (hash-checked,
 * a bad one replaced by another) → rebuild on the codec executor → SHA gate → write each gated
 * fragment to its target → record it in the census → read the census back (proof of placement) → only
 * then delete bad or surplus copies → report. Every step emits a {@link RepairEvent}.
 *
 * <p>Each step is one behaviour with its own rules ({@link ClaimStep}, {@link FetchStep}, {@link RebuildStep},
 * {@link WriteStep}, {@link ConfirmStep}, {@link DeleteStep}); what the steps hand on to each other lives in the
 * {@link RepairAttempt}.
 *
 * <p>Failures of the network or the census throw {@link RepairStepFailed}: the supervisor restarts the
 * repair from the top after a backoff, which is safe because every step is idempotent (writes are
 * content-addressed, census slots merge by index). A stripe that cannot be rebuilt — too few good
 * sources, or sources whose rebuild fails the gate twice — is reported {@link Poisoned}, not retried.
 */
public final class StripeRepair {

    /** Replies and timers a repair sends itself, each handled by one step; none comes from outside. */
    public sealed interface Command permits ClaimStep.Claimed, FetchStep.FetchBudgetDue, FetchStep.SourceArrived,
            RebuildStep.RebuildDone, WriteStep.WriteBudgetDue, WriteStep.WriteDone, ConfirmStep.CensusRecorded,
            ConfirmStep.ConfirmDue, ConfirmStep.CensusRead, DeleteStep.DeleteDone {
        /** The incarnation that asked: replies to an earlier one, before a restart, are ignored. */
        long attempt();
    }

    /** How a repair ended. */
    public sealed interface Outcome permits Repaired, Poisoned {
        Cid stripe();
    }

    /**
     * Every placed target written, recorded and confirmed. {@code surplusLeft} lists bad copies whose
     * deletion failed (they stay quarantined in the census; a later scrub finds them again).
     */
    public record Repaired(Cid stripe, List<PlacementProof> proofs, long bytes, Duration duration,
            List<String> surplusLeft) implements Outcome {
        public Repaired {
            proofs = List.copyOf(proofs);
            surplusLeft = List.copyOf(surplusLeft);
        }
    }

    /** The stripe cannot be rebuilt from what is left, or what is left disagrees with the manifest. */
    public record Poisoned(Cid stripe, String reason, List<FragmentProblem> problems) implements Outcome {
        public Poisoned {
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param fetchTimeout    a source that has not answered by then is treated as missing, and replaced
     * @param writeTimeout    a write not durable by then fails the attempt
     * @param censusTimeout   a census command not answered by then fails the attempt
     * @param confirmAttempts census read-backs before the attempt fails (gossip may lag the write)
     * @param gateAttempts    full rebuilds (fresh fetches) before a gate failure poisons the stripe
     */
    public record Settings(Duration fetchTimeout, Duration writeTimeout, Duration censusTimeout, int confirmAttempts,
            int gateAttempts) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 5, 2);
    }

    /** A step failed in a way a later attempt may not (a node down, a census timeout). */
    public static final class RepairStepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RepairStepFailed(Cid stripe, String step, String reason, Throwable cause) {
            super(step + " of " + stripe + " failed: " + reason, cause);
        }
    }

    private StripeRepair() {
    }

    public static Behavior<Command> create(StripeRef ref, StripePlan plan, RepairPorts ports, Settings settings,
            ActorRef<RepairEvent> events, ActorRef<Outcome> replyTo) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> ClaimStep.start(
                new RepairAttempt(context, timers, ref, plan, ports, settings, events, replyTo))));
    }
}
