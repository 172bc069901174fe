package dev.kwam.consensus.entities;

import dev.kwam.actors.KwamSerializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;

/**
 * The fleet's roster of consent signers, one entity for the whole fleet ({@link #ROSTER}): who may sign
 * tokens, with which key and capabilities. Seeded once from genesis (a later seed is ignored, so a node
 * restarted with an old genesis file cannot roll the roster back); afterwards changed only by
 * {@link AddSigner}/{@link RevokeSigner}, each naming the token that authorised it. Revocation is permanent:
 * a revoked entry stays listed as revoked, and its key id can never be added again.
 */
public final class TrustRoots extends MustAgreeEntity<TrustRoots.Command, TrustRoots.Event, TrustRoots.State> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "TrustRoots");
    public static final String ROSTER = "roster";
    public static final String GENESIS = "genesis";

    // Protocol
    public sealed interface Command extends KwamSerializable permits Seed, AddSigner, RevokeSigner, Get {
    }

    public record Seed(List<NewSigner> entries, String by, ActorRef<SeedOutcome> replyTo) implements Command {
    }

    /** {@code by} is the id of the consent token that authorised the change. */
    public record AddSigner(NewSigner signer, String by, ActorRef<ChangeOutcome> replyTo) implements Command {
    }

    public record RevokeSigner(String keyId, String by, ActorRef<ChangeOutcome> replyTo) implements Command {
    }

    public record Get(ActorRef<Roster> replyTo) implements Command {
    }

    /** A signer as proposed: {@code publicKey} is opaque text (e.g. {@code ed25519:...}), checked by whoever verifies. */
    public record NewSigner(String keyId, String organisation, String person, String publicKey, List<String> capabilities)
            implements KwamSerializable {
        public NewSigner {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** A roster entry: the signer as added, and its revocation if any. */
    public record Signer(NewSigner signer, Instant addedAt, String addedBy, Optional<Instant> revokedAt, Optional<String> revokedBy)
            implements KwamSerializable {
        public String keyId() {
            return signer.keyId();
        }

        public boolean revoked() {
            return revokedAt.isPresent();
        }
    }

    public sealed interface SeedOutcome extends KwamSerializable permits Seeded, AlreadySeeded {
    }

    public record Seeded(int signers, Instant at) implements SeedOutcome {
    }

    /** The roster was seeded before (by {@code by} at {@code at}); this seed changed nothing. */
    public record AlreadySeeded(String by, Instant at) implements SeedOutcome {
    }

    public sealed interface ChangeOutcome extends KwamSerializable permits Changed, ChangeRefused {
    }

    public record Changed(Signer entry) implements ChangeOutcome {
    }

    public record ChangeRefused(String keyId, String reason) implements ChangeOutcome {
    }

    /**
     * The roster now, in the order signers were added, revoked ones included. {@code sequenceNr} is the last
     * journal entry it reflects: compared with the journal's own highest (a linearizable read), it tells a current
     * answer from a stale incarnation's ({@link dev.kwam.consensus.MustAgree#trustRoots}).
     */
    public record Roster(boolean seeded, List<Signer> signers, long sequenceNr) implements KwamSerializable {
        public Roster {
            signers = List.copyOf(signers);
        }
    }

    // Events
    public sealed interface Event extends KwamSerializable permits RosterSeeded, SignerAdded, SignerRevoked {
    }

    public record RosterSeeded(List<NewSigner> entries, String by, Instant at) implements Event {
        public RosterSeeded {
            entries = List.copyOf(entries);
        }
    }

    public record SignerAdded(NewSigner signer, String by, Instant at) implements Event {
    }

    public record SignerRevoked(String keyId, String by, Instant at) implements Event {
    }

    // State
    public record State(Optional<String> seededBy, Optional<Instant> seededAt, Map<String, Signer> byKeyId) {
        static final State EMPTY = new State(Optional.empty(), Optional.empty(), Map.of());

        Roster roster(long sequenceNr) {
            return new Roster(seededAt.isPresent(), List.copyOf(byKeyId.values()), sequenceNr);
        }

        State with(Signer entry) {
            Map<String, Signer> next = new LinkedHashMap<>(byKeyId);
            next.put(entry.keyId(), entry);
            return new State(seededBy, seededAt, next);
        }
    }

    private final ActorContext<Command> context;

    private TrustRoots(String entityId, ActorContext<Command> context) {
        super(PersistenceId.of(TYPE_KEY.name(), entityId));
        this.context = context;
    }

    public static Behavior<Command> create(String entityId) {
        return Behaviors.setup(context -> new TrustRoots(entityId, context));
    }

    /** The persistence id of the one roster entity, for reading the journal's highest entry for it. */
    public static String rosterPersistenceId() {
        return PersistenceId.of(TYPE_KEY.name(), ROSTER).id();
    }

    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> create(context.getEntityId())));
    }

    @Override
    public State emptyState() {
        return State.EMPTY;
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Seed.class, this::seed)
                .onCommand(AddSigner.class, this::add)
                .onCommand(RevokeSigner.class, this::revoke)
                .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state.roster(lastSequenceNumber(context))))
                .build();
    }

    private Effect<Event, State> seed(State state, Seed seed) {
        if (state.seededAt().isPresent()) {
            return Effect().reply(seed.replyTo(), new AlreadySeeded(state.seededBy().orElseThrow(), state.seededAt().get()));
        }
        RosterSeeded seeded = new RosterSeeded(seed.entries(), seed.by(), Instant.now());
        return Effect().persist(seeded).thenReply(seed.replyTo(), s -> new Seeded(s.byKeyId().size(), seeded.at()));
    }

    private Effect<Event, State> add(State state, AddSigner add) {
        String keyId = add.signer().keyId();
        Optional<String> refusal = state.seededAt().isEmpty() ? Optional.of("the roster is not seeded yet: seed it from genesis first")
                : state.byKeyId().containsKey(keyId) ? Optional.of("key id " + keyId + " is already on the roster"
                + (state.byKeyId().get(keyId).revoked() ? " (revoked: a revoked key id is never reused)" : ""))
                : Optional.empty();
        if (refusal.isPresent()) {
            return Effect().reply(add.replyTo(), new ChangeRefused(keyId, refusal.get()));
        }
        return Effect().persist(new SignerAdded(add.signer(), add.by(), Instant.now()))
                .thenReply(add.replyTo(), s -> new Changed(s.byKeyId().get(keyId)));
    }

    private Effect<Event, State> revoke(State state, RevokeSigner revoke) {
        Signer entry = state.byKeyId().get(revoke.keyId());
        if (entry == null || entry.revoked()) {
            String reason = entry == null ? "no signer with key id " + revoke.keyId() + " is on the roster"
                    : "key id " + revoke.keyId() + " was revoked already at " + entry.revokedAt().get() + " by " + entry.revokedBy().orElse("?");
            return Effect().reply(revoke.replyTo(), new ChangeRefused(revoke.keyId(), reason));
        }
        return Effect().persist(new SignerRevoked(revoke.keyId(), revoke.by(), Instant.now()))
                .thenReply(revoke.replyTo(), s -> new Changed(s.byKeyId().get(revoke.keyId())));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(RosterSeeded.class, (state, e) -> {
                    State seeded = new State(Optional.of(e.by()), Optional.of(e.at()), Map.of());
                    for (NewSigner s : e.entries()) {
                        seeded = seeded.with(new Signer(s, e.at(), e.by(), Optional.empty(), Optional.empty()));
                    }
                    return seeded;
                })
                .onEvent(SignerAdded.class, (state, e) -> state.with(new Signer(e.signer(), e.at(), e.by(), Optional.empty(), Optional.empty())))
                .onEvent(SignerRevoked.class, (state, e) -> {
                    Signer was = state.byKeyId().get(e.keyId());
                    return state.with(new Signer(was.signer(), was.addedAt(), was.addedBy(), Optional.of(e.at()), Optional.of(e.by())));
                })
                .build();
    }
}
