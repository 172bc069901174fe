package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.Census;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A {@link RepairSupervisor} over a {@link World}, watched: every event it publishes, and every census write with
 * the wall-clock time it reached the census (what {@code repair.delay} tests compare with the instants they expect).
 */
final class WatchedJhmm {
    static final Duration AWAIT = Duration.ofSeconds(60);

    /** A census write and when it arrived, ms since the epoch. */
    record Write(long atMillis, Census.RecordFragments write) {
    }

    final World world;
    final RepairBudget budget;
    final ActorRef<RepairSupervisor.Command> ref;
    final List<RepairEvent> events = new CopyOnWriteArrayList<>();
    final List<Write> censusWrites = new CopyOnWriteArrayList<>();
    private final ActorTestKit kit;

    WatchedJhmm(ActorTestKit kit, World world, Topology topology, Duration repairDelay) {
        this(kit, world, topology, new RepairBudget.Limits(4, 0), Duration.ofMillis(100), repairDelay);
    }

    /** {@code minBackoff}: a failed attempt's first restart delay, up to four times it. */
    WatchedJhmm(ActorTestKit kit, World world, Topology topology, RepairBudget.Limits limits, Duration minBackoff,
            Duration repairDelay) {
        this.kit = kit;
        this.world = world;
        this.budget = new RepairBudget(limits);
        ActorRef<Census.Command> stub = kit.spawn(world.census.behavior());
        ActorRef<Census.Command> census = kit.spawn(Behaviors.receive(Census.Command.class).onAnyMessage(m -> {
            if (m instanceof Census.RecordFragments) {
                censusWrites.add(new Write(System.currentTimeMillis(), (Census.RecordFragments) m));
            }
            stub.tell(m);
            return Behaviors.same();
        }).build());
        RepairPorts ports = new RepairPorts(world.nodes, world.nodes, census, RepairSupervisor.codecExecutor(kit.system()),
                budget);
        RepairSupervisor.Settings settings = new RepairSupervisor.Settings(Fixtures.RACKS,
                new StripeRepair.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 3, 2),
                minBackoff, minBackoff.multipliedBy(4), 3, 2).withRepairDelay(repairDelay);
        ref = kit.spawn(RepairSupervisor.create(ports, world, topology, settings));
        ref.tell(new RepairSupervisor.Subscribe(kit.spawn(Behaviors.receive(RepairEvent.class).onAnyMessage(e -> {
            events.add(e);
            return Behaviors.same();
        }).build())));
    }

    RepairStatus status() {
        TestProbe<RepairStatus> probe = kit.createTestProbe();
        ref.tell(new RepairSupervisor.GetStatus(probe.getRef()));
        return probe.receiveMessage(AWAIT);
    }

    RepairStatus awaitStatus(Predicate<RepairStatus> done) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            RepairStatus s = status();
            if (done.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status never got there: " + s + "\nevents: " + steps());
            }
            pause();
        }
    }

    void awaitEvents(Predicate<List<RepairEvent>> done) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!done.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events never got there: " + steps());
            }
            pause();
        }
    }

    long count(Class<? extends RepairEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    <E extends RepairEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> steps(Cid stripe) {
        return events.stream().filter(e -> e.stripe().equals(stripe)).map(RepairEvent::step).toList();
    }

    List<String> steps() {
        return events.stream().map(e -> e.stripe().hex().substring(0, 6) + ":" + e.step()).toList();
    }

    List<Write> writesOf(Cid stripe) {
        return censusWrites.stream().filter(w -> w.write().stripe().equals(stripe)).toList();
    }

    /** Polling interval of the awaits above: how often a condition is looked at, never what a test relies on. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
