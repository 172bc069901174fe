package dev.kwam.consensus.entities;

import dev.kwam.actors.KwamSerializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The spend records of the consent tokens whose ids fall in one bucket ({@link #bucketOf}): a token is spent at most
 * once, by whoever's {@link Spend} the journal orders first; every later spend answers {@link AlreadySpent} naming
 * that first one. The journal's fencing makes "first" hold cluster-wide even when two incarnations of a bucket run
 * at once.
 *
 * <p>Why buckets, not one entity per token: a fresh token's entity had to be recovered before its one write — a
 * snapshot read and a highest-sequence read through Raft, then the write: three round trips per spend. A bucket stays
 * in memory, so a spend is one journal write (docs/benchmarks.md, "Consent-token spends").
 */
public final class ConsentLedger extends MustAgreeEntity<ConsentLedger.Command, ConsentLedger.Event, ConsentLedger.State> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "ConsentLedger");
    /** Spread wide enough that 64 concurrent spends rarely queue on one bucket; each bucket persists one at a time. */
    public static final int BUCKETS = 256;

    // Protocol
    public sealed interface Command extends KwamSerializable permits Spend, Check {
    }

    /** Spend {@code tokenId} for {@code spender} (a SPIFFE ID) doing {@code action}. */
    public record Spend(String tokenId, String spender, String action, ActorRef<SpendOutcome> replyTo) implements Command {
    }

    public record Check(String tokenId, ActorRef<TokenState> replyTo) implements Command {
    }

    public sealed interface SpendOutcome extends KwamSerializable permits Spent, AlreadySpent {
        String tokenId();
    }

    public sealed interface TokenState extends KwamSerializable permits Unspent, AlreadySpent {
        String tokenId();
    }

    /** This spend took the token. */
    public record Spent(String tokenId, Instant at) implements SpendOutcome {
    }

    /** The token was taken before, by {@code firstSpender} for {@code firstAction} at {@code at}; nothing changed. */
    public record AlreadySpent(String tokenId, String firstSpender, String firstAction, Instant at) implements SpendOutcome, TokenState {
    }

    public record Unspent(String tokenId) implements TokenState {
    }

    // Events
    public sealed interface Event extends KwamSerializable permits TokenSpent {
    }

    public record TokenSpent(String tokenId, String spender, String action, Instant at) implements Event {
    }

    // State: mutable, owned by the entity; snapshots are taken as the immutable Snapshot below.
    public static final class State {
        private final Map<String, TokenSpent> spent = new HashMap<>();

        State apply(TokenSpent e) {
            spent.putIfAbsent(e.tokenId(), e);
            return this;
        }
    }

    /** A bucket's records as a snapshot: parallel arrays, all of types the serializer knows. */
    public record Snapshot(String[] tokens, String[] spenders, String[] actions, long[] seconds, int[] nanos)
            implements KwamSerializable {
    }

    private ConsentLedger(String bucket) {
        super(PersistenceId.of(TYPE_KEY.name(), bucket));
    }

    /** The bucket {@code tokenId} is recorded in, as an entity id. */
    public static String bucketOf(String tokenId) {
        return Integer.toString(Math.floorMod(tokenId.hashCode(), BUCKETS));
    }

    public static Behavior<Command> create(String bucket) {
        return new ConsentLedger(bucket);
    }

    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> create(context.getEntityId())));
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Spend.class, (state, spend) -> {
                    TokenSpent first = state.spent.get(spend.tokenId());
                    if (first != null) {
                        return Effect().reply(spend.replyTo(), alreadySpent(first));
                    }
                    TokenSpent spent = new TokenSpent(spend.tokenId(), spend.spender(), spend.action(), Instant.now());
                    return Effect().persist(spent).thenReply(spend.replyTo(), s -> new Spent(spent.tokenId(), spent.at()));
                })
                .onCommand(Check.class, (state, check) -> {
                    TokenSpent first = state.spent.get(check.tokenId());
                    return Effect().reply(check.replyTo(), first == null ? new Unspent(check.tokenId()) : alreadySpent(first));
                })
                .build();
    }

    private static AlreadySpent alreadySpent(TokenSpent first) {
        return new AlreadySpent(first.tokenId(), first.spender(), first.action(), first.at());
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onEvent(TokenSpent.class, State::apply).build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(1000, 2).withDeleteEventsOnSnapshot();
    }

    /** The state is copied into a {@link Snapshot} when one is taken: the live map goes on changing meanwhile. */
    @Override
    public SnapshotAdapter<State> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(State state) {
                int n = state.spent.size();
                String[] tokens = new String[n];
                String[] spenders = new String[n];
                String[] actions = new String[n];
                long[] seconds = new long[n];
                int[] nanos = new int[n];
                int i = 0;
                for (TokenSpent e : state.spent.values()) {
                    tokens[i] = e.tokenId();
                    spenders[i] = e.spender();
                    actions[i] = e.action();
                    seconds[i] = e.at().getEpochSecond();
                    nanos[i] = e.at().getNano();
                    i++;
                }
                return new Snapshot(tokens, spenders, actions, seconds, nanos);
            }

            @Override
            public State fromJournal(Object from) {
                Snapshot s = (Snapshot) from;
                State state = new State();
                for (int i = 0; i < s.tokens().length; i++) {
                    state.apply(new TokenSpent(s.tokens()[i], s.spenders()[i], s.actions()[i],
                            Instant.ofEpochSecond(s.seconds()[i], s.nanos()[i])));
                }
                return state;
            }
        };
    }
}
