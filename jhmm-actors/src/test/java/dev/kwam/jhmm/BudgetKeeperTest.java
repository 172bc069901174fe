package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.KwamSerializable;
import dev.kwam.actors.serialization.KwamKryoSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repair budget's persistence on a one-node cluster: what a JHMM host is told when nothing is stored, a
 * change stored and applied, the next host (a new keeper, as after the singleton moved) starting from it, a
 * second live keeper following it, a reset, refusals, and the explicit wire form of what Distributed Data
 * replicates. Each test has its own ActorSystem, so its replicator starts empty.
 */
class BudgetKeeperTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String OPS = "spiffe://kwam.test/acme/cl-1/az1/pod-1/ops/kwamd";
    private static final RepairBudget.Limits CONFIGURED = new RepairBudget.Limits(4, 0);
    private static final String FROM = "kwam.node.repair (no policy)";
    private static final BudgetKeeper.Settings SETTINGS = new BudgetKeeper.Settings(FROM, CONFIGURED, Duration.ofSeconds(3),
            Duration.ofSeconds(3));

    private ActorTestKit kit;

    static Config oneNodeCluster() {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.cluster.downing-provider-class = ""
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
                pekko.loglevel = WARNING
                """).withFallback(ConfigFactory.load());
    }

    @BeforeEach
    void start() {
        kit = ActorTestKit.create("budget-keeper", oneNodeCluster());
        Cluster cluster = Cluster.get(kit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    private ActorRef<BudgetKeeper.Command> keeper(TestProbe<BudgetKeeper.InForce> host) {
        return kit.spawn(BudgetKeeper.create(SETTINGS, host.getRef()));
    }

    private static BudgetChange change(Integer max, Long bandwidth) {
        return new BudgetChange(Optional.ofNullable(max), Optional.ofNullable(bandwidth), false, false, OPS);
    }

    private JhmmHost.BudgetChanged ask(ActorRef<BudgetKeeper.Command> keeper, BudgetChange change) {
        TestProbe<JhmmHost.BudgetChanged> reply = kit.createTestProbe();
        keeper.tell(new BudgetKeeper.Change(change, reply.getRef()));
        return reply.receiveMessage(WAIT);
    }

    @Test
    void aChangeIsStoredAppliedAndTheNextHostStartsFromItWhileAnotherFollowsIt() {
        TestProbe<BudgetKeeper.InForce> first = kit.createTestProbe();
        ActorRef<BudgetKeeper.Command> a = keeper(first);
        BudgetKeeper.InForce initial = first.receiveMessage(WAIT);
        assertEquals(CONFIGURED, initial.limits(), "nothing stored: the configured limits");
        assertEquals(FROM, initial.source().describe());

        JhmmHost.BudgetChanged changed = ask(a, change(2, null));
        assertTrue(changed.applied() && changed.replicated(), "a one-node cluster is its own majority: " + changed);
        BudgetKeeper.InForce two = first.receiveMessage(WAIT);
        assertEquals(new RepairBudget.Limits(2, 0), two.limits());
        BudgetSource.Override by = two.source().override().orElseThrow();
        assertEquals(OPS, by.setBy());
        assertEquals(CONFIGURED, two.source().configured(), "the override keeps the limits it replaces");

        // A change of one limit starts from the limits the change before it set.
        assertTrue(ask(a, change(null, 1L << 20)).applied());
        BudgetKeeper.InForce both = first.receiveMessage(WAIT);
        assertEquals(new RepairBudget.Limits(2, 1L << 20), both.limits());

        // The singleton moved: its host (and keeper) stopped, a new one starts and reads what is stored.
        kit.stop(a, WAIT);
        TestProbe<BudgetKeeper.InForce> next = kit.createTestProbe();
        ActorRef<BudgetKeeper.Command> b = keeper(next);
        BudgetKeeper.InForce resumed = next.receiveMessage(WAIT);
        assertEquals(both, resumed, "the next host starts from the stored budget, setter and time included");

        // Another keeper alive at the same time (two hosts during a hand-over) follows a change made through b.
        TestProbe<BudgetKeeper.InForce> other = kit.createTestProbe();
        keeper(other);
        assertEquals(both, other.receiveMessage(WAIT));
        assertTrue(ask(b, BudgetChange.resetBy(BudgetChange.ACTOR_API)).applied());
        BudgetKeeper.InForce reset = next.receiveMessage(WAIT);
        assertEquals(CONFIGURED, reset.limits());
        assertEquals(FROM, reset.source().describe(), "a reset returns to the configured limits and their source");
        assertEquals(reset, other.receiveMessage(WAIT), "every live keeper applies the latest");
    }

    @Test
    void aRefusedChangeStoresNothingAndAnnouncesNothing() {
        TestProbe<BudgetKeeper.InForce> host = kit.createTestProbe();
        ActorRef<BudgetKeeper.Command> keeper = keeper(host);
        host.receiveMessage(WAIT);

        JhmmHost.BudgetChanged refused = ask(keeper, change(0, 0L));
        assertFalse(refused.applied());
        assertEquals(2, refused.refusals().size(), String.valueOf(refused.refusals()));
        host.expectNoMessage(Duration.ofMillis(500));

        TestProbe<BudgetKeeper.InForce> next = kit.createTestProbe();
        keeper(next);
        assertEquals(CONFIGURED, next.receiveMessage(WAIT).limits(), "nothing was stored");
    }

    /** What crosses nodes has an explicit wire form: Kryo ids 1560-1563, and Pekko's ddata serializer for the register. */
    @Test
    void whatDistributedDataAndTheSingletonCarryRoundTripsThroughItsRegisteredSerializers() {
        Serialization serialization = SerializationExtension.get(kit.system().classicSystem());
        Instant at = Instant.parse("2026-05-06T07:08:09Z");
        StoredBudget stored = new StoredBudget(Optional.of(new RepairBudget.Limits(2, 1 << 20)), OPS, at, CONFIGURED);
        TestProbe<JhmmHost.BudgetChanged> probe = kit.createTestProbe();
        List<KwamSerializable> messages = List.of(stored,
                new StoredBudget(Optional.empty(), BudgetChange.ACTOR_API, at, CONFIGURED),
                change(2, 1L << 20),
                BudgetChange.resetBy(OPS),
                new JhmmHost.ChangeBudget(change(null, 5L), probe.getRef()),
                new JhmmHost.BudgetChanged(true, List.of(), Optional.empty()),
                new JhmmHost.BudgetChanged(false, List.of("max concurrent stripes 0 is outside 1..1024"), Optional.empty()));
        for (KwamSerializable message : messages) {
            Serializer serializer = serialization.findSerializerFor(message);
            assertEquals(KwamKryoSerializer.IDENTIFIER, serializer.identifier(), message.getClass().getName());
            byte[] bytes = serialization.serialize(message).get();
            assertEquals(message, serialization.deserialize(bytes, serializer.identifier(), "").get());
        }

        SelfUniqueAddress self = DistributedData.get(kit.system()).selfUniqueAddress();
        LWWRegister<StoredBudget> register = LWWRegister.create(self, stored);
        Serializer ddata = serialization.findSerializerFor(register);
        assertFalse(ddata.identifier() == KwamKryoSerializer.IDENTIFIER, "the register itself goes through Pekko's ddata serializer");
        byte[] bytes = serialization.serialize(register).get();
        String manifest = org.apache.pekko.serialization.Serializers.manifestFor(ddata, register);
        @SuppressWarnings("unchecked")
        LWWRegister<StoredBudget> back = (LWWRegister<StoredBudget>) serialization.deserialize(bytes, ddata.identifier(), manifest).get();
        assertEquals(stored, back.getValue());
        assertEquals(register.timestamp(), back.timestamp());
    }
}
