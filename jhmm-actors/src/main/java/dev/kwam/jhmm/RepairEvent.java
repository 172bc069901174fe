package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every step of a repair, typed, for the HUD and the audit log: which stripe, which step, the bytes the
 * step moved and how long it took. Subscribers of the {@link RepairSupervisor} receive them in the order
 * each stripe went through its steps.
 */
public sealed interface RepairEvent extends KwamSerializable permits RepairEvent.Detected, RepairEvent.Isolated,
        RepairEvent.Planned, RepairEvent.Fetched, RepairEvent.Rebuilt, RepairEvent.Gated, RepairEvent.Written,
        RepairEvent.Recorded, RepairEvent.Confirmed, RepairEvent.Deleted, RepairEvent.Completed, RepairEvent.AttemptFailed,
        RepairEvent.Parked, RepairEvent.Deferred, RepairEvent.Returned {

    Cid stripe();

    /** The step's name as the HUD shows it: {@code detected}, {@code fetched}, …. */
    String step();

    /** Bytes this step moved (read or written); 0 for steps that move none. */
    long bytes();

    Duration duration();

    Instant at();

    /** A stripe was found below full redundancy: {@code cause} says by whom (membership, scrub, read). */
    record Detected(Cid stripe, String cause, Instant at) implements RepairEvent {
        public String step() {
            return "detected";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }

    /** The census now shows these fragments as missing or corrupt: reads stop using them. */
    record Isolated(Cid stripe, List<Integer> fragments, Duration duration, Instant at) implements RepairEvent {
        public Isolated {
            fragments = List.copyOf(fragments);
        }

        public String step() {
            return "isolated";
        }

        public long bytes() {
            return 0;
        }
    }

    /** The stripe's plan was made: where its lost fragments go and how many more it could lose. */
    record Planned(Cid stripe, List<RepairPlan.Target> targets, int spare, Instant at) implements RepairEvent {
        public Planned {
            targets = List.copyOf(targets);
        }

        public String step() {
            return "planned";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }

    /** Sources read and hash-checked; {@code rejected} were missing or corrupt and replaced by others. */
    record Fetched(Cid stripe, List<Integer> sources, List<Integer> rejected, long bytes, Duration duration, Instant at)
            implements RepairEvent {
        public Fetched {
            sources = List.copyOf(sources);
            rejected = List.copyOf(rejected);
        }

        public String step() {
            return "fetched";
        }
    }

    /** The codec reconstructed these fragments (not yet gated). */
    record Rebuilt(Cid stripe, List<Integer> fragments, long bytes, Duration duration, Instant at) implements RepairEvent {
        public Rebuilt {
            fragments = List.copyOf(fragments);
        }

        public String step() {
            return "rebuilt";
        }
    }

    /** The SHA gate: {@code passed} hash to the manifest's cids; {@code refused} do not and were discarded. */
    record Gated(Cid stripe, List<Integer> passed, List<Integer> refused, Instant at) implements RepairEvent {
        public Gated {
            passed = List.copyOf(passed);
            refused = List.copyOf(refused);
        }

        public String step() {
            return "gated";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }

    /** A gated fragment is durable on its new node. */
    record Written(Cid stripe, int fragment, String node, long bytes, Duration duration, Instant at) implements RepairEvent {
        public String step() {
            return "written";
        }
    }

    /** The census was told where the new fragments are. */
    record Recorded(Cid stripe, List<Integer> fragments, boolean replicated, Duration duration, Instant at)
            implements RepairEvent {
        public Recorded {
            fragments = List.copyOf(fragments);
        }

        public String step() {
            return "recorded";
        }

        public long bytes() {
            return 0;
        }
    }

    /** The census, read back, shows the new placement: proof of placement. */
    record Confirmed(Cid stripe, List<Integer> fragments, Duration duration, Instant at) implements RepairEvent {
        public Confirmed {
            fragments = List.copyOf(fragments);
        }

        public String step() {
            return "confirmed";
        }

        public long bytes() {
            return 0;
        }
    }

    /** A bad or surplus copy was deleted, after its replacement was confirmed. */
    record Deleted(Cid stripe, int fragment, String node, Instant at) implements RepairEvent {
        public String step() {
            return "deleted";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }

    /** The stripe is back at full redundancy (for the fragments that could be placed). */
    record Completed(Cid stripe, long bytes, Duration duration, Instant at) implements RepairEvent {
        public String step() {
            return "completed";
        }
    }

    /**
     * An attempt at {@code failedStep} failed ({@code reason}): the supervisor restarts the repair after a
     * backoff, or, when the restarts are used up, replans the stripe or parks it.
     */
    record AttemptFailed(Cid stripe, String failedStep, String reason, Instant at) implements RepairEvent {
        public String step() {
            return "attempt-failed";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }

    /** The stripe cannot be repaired now (poisoned: too few good sources, or sources that disagree); set aside. */
    record Parked(Cid stripe, String reason, Instant at) implements RepairEvent {
        public String step() {
            return "parked";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }

    /**
     * The stripe's repair waits until {@code until}: its only losses are fragments on {@code nodes}, removed from
     * the cluster less than {@code repair.delay} ago, and it still has a fragment to spare. Its census slots are
     * left as they are (reads skip nodes that are not members).
     */
    record Deferred(Cid stripe, List<String> nodes, Instant until, Instant at) implements RepairEvent {
        public Deferred {
            nodes = List.copyOf(nodes);
        }

        public String step() {
            return "deferred";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }

    /** A deferred stripe's nodes are live members again within {@code repair.delay}: nothing was rebuilt. */
    record Returned(Cid stripe, List<String> nodes, Instant at) implements RepairEvent {
        public Returned {
            nodes = List.copyOf(nodes);
        }

        public String step() {
            return "returned";
        }

        public long bytes() {
            return 0;
        }

        public Duration duration() {
            return Duration.ZERO;
        }
    }
}
