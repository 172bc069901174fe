package dev.kwam.jhmm;

import static dev.kwam.jhmm.RepairAttempt.since;

import dev.kwam.codec.fragment.Fragment;
import dev.kwam.jhmm.StripeRepair.Command;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Record, then confirm: the written fragments become {@code OK} slots on their targets, and the census is read back
 * (with backoff: gossip may lag) until it shows each one. Only a slot seen so yields the {@link PlacementProof}
 * that a delete needs.
 */
final class ConfirmStep {
    record CensusRecorded(long attempt, Answer<Census.Recorded> answer) implements Command {
    }

    record ConfirmDue(long attempt) implements Command {
    }

    record CensusRead(long attempt, Answer<Census.Stripes> answer) implements Command {
    }

    private final RepairAttempt a;
    private long stepStartedNanos = System.nanoTime();
    private int tries;

    private ConfirmStep(RepairAttempt a) {
        this.a = a;
    }

    static Behavior<Command> record(RepairAttempt a) {
        ConfirmStep step = new ConfirmStep(a);
        List<FragmentSlot> slots = new ArrayList<>();
        for (Fragment f : a.gated) {
            int index = f.header().fragmentIndex();
            slots.add(new FragmentSlot(index, f.cid(), a.targets.get(index), SlotState.OK));
        }
        a.askCensusToRecord(slots, (ok, failure) -> new CensusRecorded(a.id, Answer.of(ok, failure)));
        return step.behavior();
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(CensusRecorded.class, a::current, this::onRecorded)
                .onMessage(ConfirmDue.class, a::current, m -> confirm())
                .onMessage(CensusRead.class, a::current, this::onCensusRead)
                .onAnyMessage(m -> Behaviors.same()) // a reply to an earlier incarnation, before a restart
                .build();
    }

    private Behavior<Command> onRecorded(CensusRecorded m) {
        if (m.answer() instanceof Answer.Failure<Census.Recorded> failed) {
            throw a.fail("record", "the census did not record the new placement: " + failed.cause(), failed.cause());
        }
        Census.Recorded recorded = ((Answer.Value<Census.Recorded>) m.answer()).value();
        a.emit(new RepairEvent.Recorded(a.ref.stripe(), a.gatedIndexes(), recorded.replicated(),
                since(stepStartedNanos), Instant.now()));
        stepStartedNanos = System.nanoTime();
        return confirm();
    }

    private Behavior<Command> confirm() {
        a.context.ask(Census.Stripes.class, a.ports.census(), a.settings.censusTimeout(),
                replyTo -> new Census.LookupStripes(List.of(a.ref.stripe()), replyTo),
                (found, failure) -> new CensusRead(a.id, Answer.of(found, failure)));
        return Behaviors.same();
    }

    private Behavior<Command> onCensusRead(CensusRead m) {
        Optional<StripeEntry> entry = m.answer() instanceof Answer.Value<Census.Stripes> read
                ? Optional.ofNullable(read.value().found().get(a.ref.stripe())) : Optional.empty();
        Optional<Throwable> failure = m.answer() instanceof Answer.Failure<Census.Stripes> failed
                ? Optional.of(failed.cause()) : Optional.empty();
        List<PlacementProof> confirmed = new ArrayList<>();
        for (Fragment f : a.gated) {
            int index = f.header().fragmentIndex();
            String node = a.targets.get(index);
            boolean shown = entry.map(e -> e.slots().stream().anyMatch(s -> s.index() == index
                    && s.state() == SlotState.OK && s.node().equals(node) && s.fragment().equals(f.cid()))).orElse(false);
            if (shown) {
                confirmed.add(new PlacementProof(a.ref.stripe(), index, f.cid(), node));
            }
        }
        if (confirmed.size() < a.gated.size()) {
            if (++tries >= a.settings.confirmAttempts()) {
                throw a.fail("confirm", "the census does not show the new placement after " + tries + " read(s)"
                        + failure.map(f -> ": " + f).orElse(""), failure.orElse(null));
            }
            a.timers.startSingleTimer(new ConfirmDue(a.id), Duration.ofMillis(50L << Math.min(tries, 6)));
            return Behaviors.same();
        }
        a.proofs.clear();
        a.proofs.addAll(confirmed);
        a.emit(new RepairEvent.Confirmed(a.ref.stripe(), a.gatedIndexes(), since(stepStartedNanos), Instant.now()));
        return DeleteStep.start(a);
    }
}
