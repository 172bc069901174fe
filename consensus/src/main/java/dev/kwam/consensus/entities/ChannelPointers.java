package dev.kwam.consensus.entities;

import dev.kwam.actors.KwamSerializable;
import java.time.Instant;
import java.util.ArrayList;
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
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Which content id a channel (e.g. {@code models/prod}) points at now, one entity per channel: every move is
 * versioned and names who made it and the consent token that allowed it. The last {@link #HISTORY} pointers
 * are kept for rollback and audit; older events are dropped behind snapshots, so the entity stays small.
 */
public final class ChannelPointers extends MustAgreeEntity<ChannelPointers.Command, ChannelPointers.Event, ChannelPointers.State> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "ChannelPointers");
    public static final int HISTORY = 16;

    // Protocol
    public sealed interface Command extends KwamSerializable permits Set, Get {
    }

    /** Point the channel at {@code cid} ({@code sha256:<hex>}), by {@code by}, authorised by token {@code tokenId}. */
    public record Set(String cid, String by, String tokenId, ActorRef<PointerSet> replyTo) implements Command {
    }

    public record Get(ActorRef<Current> replyTo) implements Command {
    }

    public record Pointer(String cid, long version, Instant setAt, String setBy, String tokenId) implements KwamSerializable {
    }

    public record PointerSet(String channel, Pointer current, Optional<Pointer> previous) implements KwamSerializable {
    }

    /** The pointer now (none before the first set) and the most recent ones before it, newest first. */
    public record Current(String channel, Optional<Pointer> pointer, List<Pointer> history) implements KwamSerializable {
        public Current {
            history = List.copyOf(history);
        }
    }

    // Events
    public sealed interface Event extends KwamSerializable permits PointerMoved {
    }

    public record PointerMoved(Pointer pointer) implements Event {
    }

    // State: newest first, at most HISTORY + 1 pointers (the current one and its history).
    public record State(List<Pointer> newestFirst) implements KwamSerializable {
        public State {
            newestFirst = List.copyOf(newestFirst);
        }

        Optional<Pointer> current() {
            return newestFirst.stream().findFirst();
        }

        State moved(Pointer next) {
            List<Pointer> kept = new ArrayList<>(newestFirst.size() + 1);
            kept.add(next);
            kept.addAll(newestFirst.subList(0, Math.min(newestFirst.size(), HISTORY)));
            return new State(kept);
        }
    }

    private final String channel;

    private ChannelPointers(String channel) {
        super(PersistenceId.of(TYPE_KEY.name(), channel));
        this.channel = channel;
    }

    public static Behavior<Command> create(String channel) {
        return new ChannelPointers(channel);
    }

    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> create(context.getEntityId())));
    }

    @Override
    public State emptyState() {
        return new State(List.of());
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Set.class, (state, set) -> {
                    long version = state.current().map(Pointer::version).orElse(0L) + 1;
                    Pointer next = new Pointer(set.cid(), version, Instant.now(), set.by(), set.tokenId());
                    return Effect().persist(new PointerMoved(next))
                            .thenReply(set.replyTo(), s -> new PointerSet(channel, next, state.current()));
                })
                .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(),
                        new Current(channel, state.current(), state.newestFirst().subList(Math.min(1, state.newestFirst().size()),
                                state.newestFirst().size()))))
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(PointerMoved.class, (state, e) -> state.moved(e.pointer()))
                .build();
    }

    /** A snapshot every 50 moves, two kept, events behind them deleted: the journal holds O(HISTORY) per channel. */
    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(50, 2).withDeleteEventsOnSnapshot();
    }
}
