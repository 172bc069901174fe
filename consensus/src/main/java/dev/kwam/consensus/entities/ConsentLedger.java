package dev.kwam.consensus.entities;

import dev.kwam.actors.KwamSerializable;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;

/**
 * One consent token's spend record, one entity per token id: a token is spent at most once, by whoever's
 * {@link Spend} the journal orders first; every later spend answers {@link AlreadySpent} naming that first one.
 * The journal's fencing makes "first" hold cluster-wide even when two incarnations of the entity run at once.
 */
public final class ConsentLedger extends MustAgreeEntity<ConsentLedger.Command, ConsentLedger.Event, ConsentLedger.State> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "ConsentLedger");

    // Protocol
    public sealed interface Command extends KwamSerializable permits Spend, Check {
    }

    /** Spend the token for {@code spender} (a SPIFFE ID) doing {@code action}. */
    public record Spend(String spender, String action, ActorRef<SpendOutcome> replyTo) implements Command {
    }

    public record Check(ActorRef<TokenState> replyTo) implements Command {
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

    public record TokenSpent(String spender, String action, Instant at) implements Event {
    }

    // State
    public sealed interface State permits Unused, Used {
    }

    public enum Unused implements State {
        INSTANCE
    }

    public record Used(String spender, String action, Instant at) implements State {
    }

    private final String tokenId;

    private ConsentLedger(String tokenId) {
        super(PersistenceId.of(TYPE_KEY.name(), tokenId));
        this.tokenId = tokenId;
    }

    public static Behavior<Command> create(String tokenId) {
        return new ConsentLedger(tokenId);
    }

    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> create(context.getEntityId())));
    }

    @Override
    public State emptyState() {
        return Unused.INSTANCE;
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        var builder = newCommandHandlerBuilder();
        builder.forStateType(Unused.class)
                .onCommand(Spend.class, (state, spend) -> {
                    TokenSpent spent = new TokenSpent(spend.spender(), spend.action(), Instant.now());
                    return Effect().persist(spent).thenReply(spend.replyTo(), s -> new Spent(tokenId, spent.at()));
                })
                .onCommand(Check.class, (state, check) -> Effect().reply(check.replyTo(), new Unspent(tokenId)));
        builder.forStateType(Used.class)
                .onCommand(Spend.class, (used, spend) -> Effect().reply(spend.replyTo(), alreadySpent(used)))
                .onCommand(Check.class, (used, check) -> Effect().reply(check.replyTo(), alreadySpent(used)));
        return builder.build();
    }

    private AlreadySpent alreadySpent(Used used) {
        return new AlreadySpent(tokenId, used.spender(), used.action(), used.at());
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(TokenSpent.class, (state, e) -> new Used(e.spender(), e.action(), e.at()))
                .build();
    }
}
