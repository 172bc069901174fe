package dev.kwam.jhmm;

import dev.kwam.jhmm.StripeRepair.Command;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Claim: the census shows where this repair writes, so a restarted JHMM resumes on the same targets. */
final class ClaimStep {
    record Claimed(long attempt, Optional<Throwable> failure) implements Command {
    }

    private ClaimStep() {
    }

    static Behavior<Command> start(RepairAttempt a) {
        List<FragmentSlot> slots = new ArrayList<>();
        a.targets.forEach((index, node) -> slots.add(new FragmentSlot(index, a.ref.fragment(index), node, SlotState.REPAIRING)));
        a.askCensusToRecord(slots, (ok, failure) -> new Claimed(a.id, Optional.ofNullable(failure)));
        return Behaviors.receive(Command.class)
                .onMessage(Claimed.class, a::current, m -> {
                    m.failure().ifPresent(f -> {
                        throw a.fail("claim", "the census did not record the targets: " + f, f);
                    });
                    return FetchStep.begin(a);
                })
                .onAnyMessage(m -> Behaviors.same()) // a reply to an earlier incarnation, before a restart
                .build();
    }
}
