package dev.kwam.consensus.entities;

import dev.kwam.actors.KwamSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;

/**
 * One rollout's progress, one entity per rollout name: a bundle goes out wave by wave, each wave started,
 * baked, and gated on its metrics; a passed gate moves to the next wave (or completes the rollout), a failed one
 * rolls back; an operator may abort at any point before the end. The sequencer records steps, it does not
 * perform them: whoever drives the rollout asks it first, so two drivers can never both move one rollout on.
 * Every illegal step is refused with the reason and the rollout as it stands.
 */
public final class RolloutSequencer extends MustAgreeEntity<RolloutSequencer.Command, RolloutSequencer.Event, RolloutSequencer.Rollout> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "RolloutSequencer");

    public enum Phase {
        NOT_STARTED, WAVE_PENDING, WAVE_RUNNING, BAKING, ROLLING_BACK, COMPLETED, ROLLED_BACK, ABORTED;

        public boolean finished() {
            return this == COMPLETED || this == ROLLED_BACK || this == ABORTED;
        }
    }

    /** A wave: its name, the nodes (or node selectors) it covers, and how long it bakes before its gate. */
    public record Wave(String name, List<String> nodes, Duration bake) implements KwamSerializable {
        public Wave {
            nodes = List.copyOf(nodes);
        }
    }

    // Protocol
    public sealed interface Command extends KwamSerializable
            permits Start, StartWave, BeginBake, PassGate, FailGate, ConfirmRolledBack, Abort, Get {
    }

    public record Start(String bundleCid, List<Wave> waves, String pool, String by, ActorRef<Outcome> replyTo) implements Command {
        public Start {
            waves = List.copyOf(waves);
        }
    }

    public record StartWave(ActorRef<Outcome> replyTo) implements Command {
    }

    public record BeginBake(ActorRef<Outcome> replyTo) implements Command {
    }

    public record PassGate(ActorRef<Outcome> replyTo) implements Command {
    }

    public record FailGate(String reason, ActorRef<Outcome> replyTo) implements Command {
    }

    public record ConfirmRolledBack(ActorRef<Outcome> replyTo) implements Command {
    }

    public record Abort(String reason, String by, ActorRef<Outcome> replyTo) implements Command {
    }

    public record Get(ActorRef<Rollout> replyTo) implements Command {
    }

    public sealed interface Outcome extends KwamSerializable permits Accepted, Refused {
        Rollout rollout();
    }

    public record Accepted(Rollout rollout) implements Outcome {
    }

    public record Refused(String reason, Rollout rollout) implements Outcome {
    }

    // Events
    public sealed interface Event extends KwamSerializable
            permits Started, WaveStarted, BakeBegun, GatePassed, GateFailed, RolledBack, Aborted {
    }

    public record Started(String bundleCid, List<Wave> waves, String pool, String by, Instant at) implements Event {
        public Started {
            waves = List.copyOf(waves);
        }
    }

    public record WaveStarted(int wave, Instant at) implements Event {
    }

    public record BakeBegun(int wave, Instant at) implements Event {
    }

    public record GatePassed(int wave, Instant at) implements Event {
    }

    public record GateFailed(int wave, String reason, Instant at) implements Event {
    }

    public record RolledBack(Instant at) implements Event {
    }

    public record Aborted(String reason, String by, Instant at) implements Event {
    }

    // State, also the status reply. wave: the wave running, baking or next to start (waves.size() once completed).
    public record Rollout(String name, Phase phase, Optional<String> bundleCid, List<Wave> waves, Optional<String> pool,
                          int wave, Optional<String> reason, Optional<Instant> updatedAt) implements KwamSerializable {
        public Rollout {
            waves = List.copyOf(waves);
        }

        Rollout to(Phase next, int nextWave, Instant at) {
            return new Rollout(name, next, bundleCid, waves, pool, nextWave, reason, Optional.of(at));
        }

        Rollout because(String why) {
            return new Rollout(name, phase, bundleCid, waves, pool, wave, Optional.of(why), updatedAt);
        }
    }

    private final String name;

    private RolloutSequencer(String name) {
        super(PersistenceId.of(TYPE_KEY.name(), name));
        this.name = name;
    }

    public static Behavior<Command> create(String name) {
        return new RolloutSequencer(name);
    }

    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> create(context.getEntityId())));
    }

    @Override
    public Rollout emptyState() {
        return new Rollout(name, Phase.NOT_STARTED, Optional.empty(), List.of(), Optional.empty(), 0, Optional.empty(), Optional.empty());
    }

    @Override
    public CommandHandler<Command, Event, Rollout> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Get.class, (r, get) -> Effect().reply(get.replyTo(), r))
                .onCommand(Start.class, (r, c) -> r.phase() != Phase.NOT_STARTED ? refuse(r, c.replyTo(), "it was started already")
                        : c.waves().isEmpty() ? refuse(r, c.replyTo(), "a rollout needs at least one wave")
                        : step(c.replyTo(), new Started(c.bundleCid(), c.waves(), c.pool(), c.by(), Instant.now())))
                .onCommand(StartWave.class, (r, c) -> r.phase() != Phase.WAVE_PENDING ? refuse(r, c.replyTo(), "no wave is waiting to start")
                        : step(c.replyTo(), new WaveStarted(r.wave(), Instant.now())))
                .onCommand(BeginBake.class, (r, c) -> r.phase() != Phase.WAVE_RUNNING ? refuse(r, c.replyTo(), "no wave is running")
                        : step(c.replyTo(), new BakeBegun(r.wave(), Instant.now())))
                .onCommand(PassGate.class, (r, c) -> r.phase() != Phase.BAKING ? refuse(r, c.replyTo(), "a gate is judged only after baking")
                        : step(c.replyTo(), new GatePassed(r.wave(), Instant.now())))
                .onCommand(FailGate.class, (r, c) -> r.phase() != Phase.BAKING && r.phase() != Phase.WAVE_RUNNING
                        ? refuse(r, c.replyTo(), "no wave is running or baking")
                        : step(c.replyTo(), new GateFailed(r.wave(), c.reason(), Instant.now())))
                .onCommand(ConfirmRolledBack.class, (r, c) -> r.phase() != Phase.ROLLING_BACK ? refuse(r, c.replyTo(), "it is not rolling back")
                        : step(c.replyTo(), new RolledBack(Instant.now())))
                .onCommand(Abort.class, (r, c) -> r.phase() == Phase.NOT_STARTED || r.phase().finished()
                        ? refuse(r, c.replyTo(), "only a rollout in progress can be aborted")
                        : step(c.replyTo(), new Aborted(c.reason(), c.by(), Instant.now())))
                .build();
    }

    private Effect<Event, Rollout> step(ActorRef<Outcome> replyTo, Event event) {
        return Effect().persist(event).thenReply(replyTo, Accepted::new);
    }

    private Effect<Event, Rollout> refuse(Rollout r, ActorRef<Outcome> replyTo, String why) {
        return Effect().reply(replyTo, new Refused("rollout " + name + " is " + r.phase() + ": " + why, r));
    }

    @Override
    public EventHandler<Rollout, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Started.class, (r, e) -> new Rollout(name, Phase.WAVE_PENDING, Optional.of(e.bundleCid()), e.waves(),
                        Optional.of(e.pool()), 0, Optional.empty(), Optional.of(e.at())))
                .onEvent(WaveStarted.class, (r, e) -> r.to(Phase.WAVE_RUNNING, e.wave(), e.at()))
                .onEvent(BakeBegun.class, (r, e) -> r.to(Phase.BAKING, e.wave(), e.at()))
                .onEvent(GatePassed.class, (r, e) -> e.wave() + 1 == r.waves().size()
                        ? r.to(Phase.COMPLETED, e.wave() + 1, e.at()) : r.to(Phase.WAVE_PENDING, e.wave() + 1, e.at()))
                .onEvent(GateFailed.class, (r, e) -> r.to(Phase.ROLLING_BACK, e.wave(), e.at()).because(e.reason()))
                .onEvent(RolledBack.class, (r, e) -> r.to(Phase.ROLLED_BACK, r.wave(), e.at()))
                .onEvent(Aborted.class, (r, e) -> r.to(Phase.ABORTED, r.wave(), e.at()).because(e.reason() + " (by " + e.by() + ")"))
                .build();
    }
}
