package dev.kwam.jhmm;

import dev.kwam.placement.census.CensusSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * Keeps the cluster-wide repair budget in Distributed Data for the JHMM's host (a child of {@link JhmmHost}):
 * reads the stored {@link StoredBudget} when the host starts, follows every change of it, writes the changes
 * operators ask for, and tells the host the limits in force and their {@link BudgetSource} whenever they change.
 *
 * <p>Consistency, as the census's (docs/placement.md): the start-up read asks a majority
 * ({@code kwam.census.read-timeout}); when a majority does not answer in time the host starts from its
 * configured limits, says so in the log, and the subscription applies the stored value when it arrives. Writes
 * ask a majority ({@code kwam.census.write-timeout}); past it the value is in this replica and gossip carries it
 * on, and the answer says it did not replicate yet. Last writer wins (the register's clock is the writer's
 * wall clock, never older than the value it replaces).
 *
 * <p>Changes are applied one at a time, each read back from this replica before the next, so a change of one
 * limit never starts from limits that a change just before it replaced.
 */
final class BudgetKeeper {
    /** The one top-level Distributed Data key the budget lives under. */
    static final Key<LWWRegister<StoredBudget>> KEY = LWWRegisterKey.create("kwam-repair-budget");

    sealed interface Command permits Change, InternalCommand {
    }

    /** Replicator responses, made only here. */
    private sealed interface InternalCommand extends Command permits Read, Seen, Written, ReadBack {
    }

    /** An operator's change, answered with {@link JhmmHost.BudgetChanged} once it is stored (or refused). */
    record Change(BudgetChange change, ActorRef<JhmmHost.BudgetChanged> replyTo) implements Command {
    }

    /** To the host: the limits in force from now on and where they come from. */
    record InForce(RepairBudget.Limits limits, BudgetSource source) {
    }

    /**
     * @param configuredFrom {@code policy} or {@code kwam.node.repair (no policy)}
     * @param configured     the limits the host runs with when nothing is stored, and returns to on a reset
     */
    record Settings(String configuredFrom, RepairBudget.Limits configured, Duration readTimeout, Duration writeTimeout) {
        static Settings of(BudgetSource configured, CensusSettings census) {
            return new Settings(configured.configuredFrom(), configured.configured(), census.readTimeout(), census.writeTimeout());
        }
    }

    private record Read(Replicator.GetResponse<LWWRegister<StoredBudget>> response) implements InternalCommand {
    }

    private record Seen(Replicator.SubscribeResponse<LWWRegister<StoredBudget>> response) implements InternalCommand {
    }

    private record Written(Change change, Replicator.UpdateResponse<LWWRegister<StoredBudget>> response)
            implements InternalCommand {
    }

    private record ReadBack(Change change, boolean replicated, Replicator.GetResponse<LWWRegister<StoredBudget>> response)
            implements InternalCommand {
    }

    private final ActorContext<Command> context;
    private final Settings settings;
    private final ActorRef<InForce> host;
    private final ReplicatorMessageAdapter<Command, LWWRegister<StoredBudget>> replicator;
    private final SelfUniqueAddress self;
    private final Deque<Change> queued = new ArrayDeque<>();
    private Optional<LWWRegister<StoredBudget>> stored = Optional.empty();
    /** Whether the start-up read answered; until then the host waits and nothing is announced. */
    private boolean started;
    private boolean writing;
    private Optional<InForce> announced = Optional.empty();

    private BudgetKeeper(ActorContext<Command> context, Settings settings, ActorRef<InForce> host,
            ReplicatorMessageAdapter<Command, LWWRegister<StoredBudget>> replicator) {
        this.context = context;
        this.settings = settings;
        this.host = host;
        this.replicator = replicator;
        this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
    }

    static Behavior<Command> create(Settings settings, ActorRef<InForce> host) {
        return Behaviors.setup(context -> DistributedData.<Command, LWWRegister<StoredBudget>>withReplicatorMessageAdapter(
                replicator -> new BudgetKeeper(context, settings, host, replicator).start()));
    }

    private Behavior<Command> start() {
        replicator.subscribe(KEY, Seen::new);
        replicator.askGet(replyTo -> new Replicator.Get<>(KEY, new Replicator.ReadMajority(settings.readTimeout()), replyTo),
                Read::new);
        return Behaviors.receive(Command.class)
                .onMessage(Read.class, this::onRead)
                .onMessage(Seen.class, this::onSeen)
                .onMessage(Change.class, this::onChange)
                .onMessage(Written.class, this::onWritten)
                .onMessage(ReadBack.class, this::onReadBack)
                .build();
    }

    private Behavior<Command> onRead(Read r) {
        if (r.response() instanceof Replicator.GetSuccess<LWWRegister<StoredBudget>> found) {
            merge(found.dataValue());
            context.getLog().info("JHMM: stored repair budget read: {}", describe(found.dataValue().getValue()));
        } else if (r.response() instanceof Replicator.NotFound) {
            context.getLog().info("JHMM: no repair budget stored; the limits from {} are in force", settings.configuredFrom());
        } else {
            context.getLog().warn("JHMM: could not read the stored repair budget from a majority of members within {} ({}); "
                    + "starting from {}{}, and a stored budget is applied as soon as it arrives",
                    settings.readTimeout(), r.response().getClass().getSimpleName(),
                    stored.isPresent() ? "the one this node holds: " : "the limits from " + settings.configuredFrom(),
                    stored.map(s -> describe(s.getValue())).orElse(""));
        }
        started = true;
        announce();
        return drain();
    }

    private Behavior<Command> onSeen(Seen s) {
        if (s.response() instanceof Replicator.Changed<LWWRegister<StoredBudget>> changed) {
            merge(changed.dataValue());
            if (started) {
                announce();
            }
        } else {
            context.getLog().warn("JHMM: the stored repair budget was deleted ({}); keeping the limits in force", s.response());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onChange(Change c) {
        queued.addLast(c);
        return drain();
    }

    /** Starts the next queued change once the start-up read is done and no write is in flight. */
    private Behavior<Command> drain() {
        while (started && !writing && !queued.isEmpty()) {
            Change c = queued.removeFirst();
            List<String> refusals = c.change().refusals();
            if (!refusals.isEmpty()) {
                c.replyTo().tell(JhmmHost.BudgetChanged.refused(refusals));
                continue;
            }
            StoredBudget next = c.change().reset()
                    ? new StoredBudget(Optional.empty(), c.change().setBy(), Instant.now(), settings.configured())
                    : new StoredBudget(Optional.of(c.change().applyTo(inForce().limits())), c.change().setBy(), Instant.now(),
                            settings.configured());
            writing = true;
            replicator.askUpdate(replyTo -> new Replicator.Update<>(KEY, LWWRegister.create(self, next),
                    new Replicator.WriteMajority(settings.writeTimeout()), replyTo, register -> register.withValue(self, next)),
                    response -> new Written(c, response));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onWritten(Written w) {
        boolean replicated;
        if (w.response() instanceof Replicator.UpdateSuccess) {
            replicated = true;
        } else if (w.response() instanceof Replicator.UpdateTimeout) {
            replicated = false;
            context.getLog().warn("JHMM: the new repair budget reached no majority of members within {}; it is stored on this "
                    + "node and gossip carries it on", settings.writeTimeout());
        } else {
            writing = false;
            context.getLog().error("JHMM: the new repair budget could not be stored: {}", w.response());
            w.change().replyTo().tell(JhmmHost.BudgetChanged.failed("the repair budget could not be stored in Distributed Data: "
                    + w.response()));
            return drain();
        }
        // The register as this replica now holds it (the write's own timestamp), so later changes start from it.
        replicator.askGet(replyTo -> new Replicator.Get<>(KEY, Replicator.readLocal(), replyTo),
                response -> new ReadBack(w.change(), replicated, response));
        return Behaviors.same();
    }

    private Behavior<Command> onReadBack(ReadBack r) {
        writing = false;
        if (r.response() instanceof Replicator.GetSuccess<LWWRegister<StoredBudget>> found) {
            merge(found.dataValue());
        }
        announce();
        r.change().replyTo().tell(JhmmHost.BudgetChanged.stored(r.replicated()));
        return drain();
    }

    private void merge(LWWRegister<StoredBudget> register) {
        stored = Optional.of(stored.map(s -> s.merge(register)).orElse(register));
    }

    private InForce inForce() {
        return stored.map(LWWRegister::getValue)
                .map(s -> new InForce(s.inForce(settings.configured()), s.source(settings.configuredFrom(), settings.configured())))
                .orElse(new InForce(settings.configured(), BudgetSource.configured(settings.configuredFrom(), settings.configured())));
    }

    private void announce() {
        InForce now = inForce();
        if (announced.isPresent() && announced.get().equals(now)) {
            return;
        }
        stored.map(LWWRegister::getValue).filter(s -> s.override().isPresent() && !s.policyLimits().equals(settings.configured()))
                .ifPresent(s -> context.getLog().info("JHMM: the repair budget override was set against configured limits {}; "
                        + "this node's ({}) are {}, and a reset returns to these", s.policyLimits(), settings.configuredFrom(),
                        settings.configured()));
        announced = Optional.of(now);
        host.tell(now);
    }

    private static String describe(StoredBudget s) {
        return s.override().map(l -> l + " set by " + s.setBy() + " at " + s.setAt())
                .orElse("no override (reset by " + s.setBy() + " at " + s.setAt() + ")");
    }
}
