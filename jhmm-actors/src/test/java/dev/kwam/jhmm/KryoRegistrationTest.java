package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.actors.serialization.KwamKryoSerializer;
import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlan.Holder;
import dev.kwam.jhmm.RepairPlan.Loss;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.RepairPlan.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every JHMM message that may cross nodes goes through Kryo under its registered id, and comes back equal. */
class KryoRegistrationTest {
    private static final ActorTestKit KIT = ActorTestKit.create("jhmm-kryo");
    private static final Serialization SERIALIZATION = SerializationExtension.get(KIT.system().classicSystem());

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @Test
    void everyCrossNodeMessageRoundTrips() {
        Cid s = Cid.of(new byte[] {1});
        Cid f = Cid.of(new byte[] {2});
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        Duration d = Duration.ofMillis(12);
        StripePlan plan = new StripePlan(s, f, 3, "rs(4,2)", List.of(new Holder(0, "n1")),
                List.of(new Loss(1, f, "n2", LossCause.CORRUPT)), List.of(new Target(1, "n7")), List.of(), List.of(0, 2, 3, 4),
                1, 42L);
        RepairBudget.Limits limits = new RepairBudget.Limits(4, 50_000_000);
        TestProbe<Object> probe = KIT.createTestProbe();
        List<KwamSerializable> messages = List.of(
                new RepairEvent.Detected(s, "node n2 removed from the cluster", at),
                new RepairEvent.Isolated(s, List.of(1), d, at),
                new RepairEvent.Planned(s, List.of(new Target(1, "n7")), 1, at),
                new RepairEvent.Fetched(s, List.of(0, 2, 3, 4), List.of(5), 4096, d, at),
                new RepairEvent.Rebuilt(s, List.of(1), 1024, d, at),
                new RepairEvent.Gated(s, List.of(1), List.of(), at),
                new RepairEvent.Written(s, 1, "n7", 1024, d, at),
                new RepairEvent.Recorded(s, List.of(1), true, d, at),
                new RepairEvent.Confirmed(s, List.of(1), d, at),
                new RepairEvent.Deleted(s, 1, "n2", at),
                new RepairEvent.Completed(s, 5120, d, at),
                new RepairEvent.AttemptFailed(s, "write", "disk full", at),
                new RepairEvent.Parked(s, "poisoned", at),
                new RepairPlan(List.of(plan)),
                new RepairPlan(List.of(new StripePlan(s, f, 3, "rs(4,2)", List.of(new Holder(0, "n1")),
                        List.of(new Loss(1, f, "n2", LossCause.NODE_GONE)), List.of(new Target(1, "n7")), List.of(),
                        List.of(0, 2, 3, 4), 1, 42L, 1_700_000_900_000L))),
                new RepairEvent.Deferred(s, List.of("n2"), at.plusSeconds(900), at),
                new RepairEvent.Returned(s, List.of("n2"), at),
                new RepairSupervisor.NodeReturned("n2"),
                limits,
                new RepairSupervisor.NodeRemoved("n2"),
                new RepairSupervisor.FragmentFaulty(s, 1, "n2", true, "scrub"),
                new RepairSupervisor.Reexamine(List.of(s)),
                new RepairSupervisor.AdjustBudget(limits),
                new RepairSupervisor.AdjustBudget(limits, java.util.Optional.of(BudgetSource.configured("policy", limits)
                        .overriddenBy("spiffe://kwam.test/acme/cl-1/az1/pod-1/ops/kwamd", at))),
                BudgetSource.configured("kwam.node.repair (no policy)", limits),
                new RepairSupervisor.RetryParked(s),
                new RepairSupervisor.GetStatus(probe.getRef().narrow()),
                new RepairSupervisor.Subscribe(probe.getRef().narrow()),
                new RepairSupervisor.Unsubscribe(probe.getRef().narrow()),
                new RepairStatus(new RepairPlan(List.of(plan)),
                        List.of(new RepairStatus.Progress(s, "fetched", 4096, 0, at)),
                        List.of(new RepairStatus.ParkedStripe(f, "poisoned", at)), 3, 9000, limits, at,
                        BudgetSource.configured("policy", limits).overriddenBy("actor API", at),
                        java.util.Optional.of(new RepairThroughput(4096, 9000, d, 3, at, at.plusSeconds(2)))),
                new RepairStatus(new RepairPlan(List.of()), List.of(), List.of(), 0, 0, limits, at,
                        BudgetSource.configured("policy", limits), java.util.Optional.empty()),
                dev.kwam.jhmm.risk.FleetRiskSamples.measured(at),
                new JhmmHost.AssessRisk(probe.getRef().narrow()),
                new JhmmHost.RiskAnswer(java.util.Optional.of(dev.kwam.jhmm.risk.FleetRiskSamples.measured(at)),
                        java.util.Optional.empty()),
                new JhmmHost.RiskAnswer(java.util.Optional.empty(), java.util.Optional.of("the census did not answer")));

        for (KwamSerializable message : messages) {
            byte[] bytes = SERIALIZATION.serialize(message).get();
            Object back = SERIALIZATION.deserialize(bytes, KwamKryoSerializer.IDENTIFIER, "").get();
            assertEquals(message, back, message.getClass().getName());
        }
    }
}
