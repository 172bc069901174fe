package dev.kwam.consensus.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusExtension;
import dev.kwam.consensus.RaftTestGroup;
import dev.kwam.consensus.entities.ConsentLedger.AlreadySpent;
import dev.kwam.consensus.entities.ConsentLedger.SpendOutcome;
import dev.kwam.consensus.entities.ConsentLedger.TokenState;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sharding normally prevents and a partition or hand-over race allows: the same token's entity running in
 * two actor systems at once, both recovered before either wrote. The journal lets the first spend through and
 * fences the second, which stops its incarnation without answering; a new incarnation sees the first spend.
 */
class TwoIncarnationsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path storage;

    @Test
    void theSecondIncarnationsSpendIsFencedAndItStopsWithoutAnswering() throws Exception {
        try (RaftTestGroup group = RaftTestGroup.start(storage, 1, true);
             ConsensusClient left = group.client(Duration.ofSeconds(20));
             ConsensusClient right = group.client(Duration.ofSeconds(20))) {
            ActorTestKit a = ActorTestKit.create("side-a", ConfigFactory.load());
            ActorTestKit b = ActorTestKit.create("side-b", ConfigFactory.load());
            try {
                ConsensusExtension.get(a.system()).attach(left);
                ConsensusExtension.get(b.system()).attach(right);
                ActorRef<ConsentLedger.Command> onA = a.spawn(ConsentLedger.create(ConsentLedger.bucketOf("tok-split")));
                ActorRef<ConsentLedger.Command> onB = b.spawn(ConsentLedger.create(ConsentLedger.bucketOf("tok-split")));
                TestProbe<TokenState> checks = a.createTestProbe();
                onA.tell(new ConsentLedger.Check("tok-split", checks.ref()));
                onB.tell(new ConsentLedger.Check("tok-split", checks.ref()));
                checks.expectMessage(WAIT, new ConsentLedger.Unspent("tok-split"));
                checks.expectMessage(WAIT, new ConsentLedger.Unspent("tok-split"));

                TestProbe<SpendOutcome> spendsA = a.createTestProbe();
                onA.tell(new ConsentLedger.Spend("tok-split", "alice", "drain n3", spendsA.ref()));
                assertInstanceOf(ConsentLedger.Spent.class, spendsA.receiveMessage(WAIT));

                TestProbe<SpendOutcome> spendsB = b.createTestProbe();
                onB.tell(new ConsentLedger.Spend("tok-split", "bob", "wipe n3", spendsB.ref()));
                spendsB.expectTerminated(onB, WAIT);
                spendsB.expectNoMessage(Duration.ofMillis(200));

                ActorRef<ConsentLedger.Command> again = b.spawn(ConsentLedger.create(ConsentLedger.bucketOf("tok-split")));
                TestProbe<TokenState> after = b.createTestProbe();
                again.tell(new ConsentLedger.Check("tok-split", after.ref()));
                AlreadySpent state = assertInstanceOf(AlreadySpent.class, after.receiveMessage(WAIT));
                assertEquals("alice", state.firstSpender());
                assertEquals("drain n3", state.firstAction());
            } finally {
                b.shutdownTestKit();
                a.shutdownTestKit();
            }
        }
    }
}
