package dev.kwam.consensus.entities;

import dev.kwam.actors.KwamSerializable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * The maintenance marks operators put on nodes, one entity for the fleet ({@link #FLEET}): a node marked
 * {@code cordoned} receives no new fragments; {@code draining} and {@code drained} follow from a drain. A
 * node without a mark is in service. Every change names who made it and, when consent was needed, the
 * token that allowed it. Marks are few (one per node at most), so the whole map is the state.
 */
public final class NodeMarks extends MustAgreeEntity<NodeMarks.Command, NodeMarks.Event, NodeMarks.State> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "NodeMarks");
    /** The one entity's id. */
    public static final String FLEET = "fleet";

    // Protocol
    public sealed interface Command extends KwamSerializable permits Put, Clear, Get {
    }

    /** Marks {@code node} with {@code state} (replacing any mark it had). */
    public record Put(String node, String state, String by, String tokenId, ActorRef<Marks> replyTo) implements Command {
    }

    /** Takes {@code node}'s mark away: back in service. */
    public record Clear(String node, String by, ActorRef<Marks> replyTo) implements Command {
    }

    public record Get(ActorRef<Marks> replyTo) implements Command {
    }

    public record Mark(String state, Instant at, String by, String tokenId) implements KwamSerializable {
    }

    /** Every marked node's mark, by node name. */
    public record Marks(Map<String, Mark> byNode) implements KwamSerializable {
        public Marks {
            byNode = Map.copyOf(byNode);
        }

        public Optional<Mark> of(String node) {
            return Optional.ofNullable(byNode.get(node));
        }
    }

    // Events
    public sealed interface Event extends KwamSerializable permits Marked, Cleared {
    }

    public record Marked(String node, Mark mark) implements Event {
    }

    public record Cleared(String node, String by, Instant at) implements Event {
    }

    public record State(Map<String, Mark> byNode) implements KwamSerializable {
        public State {
            byNode = Map.copyOf(byNode);
        }

        State with(String node, Optional<Mark> mark) {
            TreeMap<String, Mark> next = new TreeMap<>(byNode);
            mark.ifPresentOrElse(m -> next.put(node, m), () -> next.remove(node));
            return new State(next);
        }
    }

    private NodeMarks() {
        super(PersistenceId.of(TYPE_KEY.name(), FLEET));
    }

    public static Behavior<Command> create() {
        return new NodeMarks();
    }

    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> create()));
    }

    @Override
    public State emptyState() {
        return new State(Map.of());
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Put.class, (state, put) -> Effect()
                        .persist(new Marked(put.node(), new Mark(put.state(), Instant.now(), put.by(), put.tokenId())))
                        .thenReply(put.replyTo(), s -> new Marks(s.byNode())))
                .onCommand(Clear.class, (state, clear) -> state.byNode().containsKey(clear.node())
                        ? Effect().persist(new Cleared(clear.node(), clear.by(), Instant.now()))
                                .thenReply(clear.replyTo(), s -> new Marks(s.byNode()))
                        : Effect().reply(clear.replyTo(), new Marks(state.byNode())))
                .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), new Marks(state.byNode())))
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Marked.class, (state, e) -> state.with(e.node(), Optional.of(e.mark())))
                .onEvent(Cleared.class, (state, e) -> state.with(e.node(), Optional.empty()))
                .build();
    }

    /** The state is the whole story (who marked what is also in each node's audit log): keep it small. */
    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2).withDeleteEventsOnSnapshot();
    }
}
