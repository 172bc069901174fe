package dev.kwam.consensus.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.consensus.entities.RolloutSequencer.Accepted;
import dev.kwam.consensus.entities.RolloutSequencer.Command;
import dev.kwam.consensus.entities.RolloutSequencer.Event;
import dev.kwam.consensus.entities.RolloutSequencer.Outcome;
import dev.kwam.consensus.entities.RolloutSequencer.Phase;
import dev.kwam.consensus.entities.RolloutSequencer.Refused;
import dev.kwam.consensus.entities.RolloutSequencer.Rollout;
import dev.kwam.consensus.entities.RolloutSequencer.Wave;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout's transitions, on Pekko's in-memory test journal (the consensus plugin ids point at it here):
 * each legal step moves the phase as the rollout says, each illegal one is refused with a reason and stores
 * nothing, and a restarted entity is back where it was.
 */
class RolloutSequencerTest {
    private static final Config CONFIG = ConfigFactory.parseString("""
            kwam.consensus.journal.class = "org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin"
            kwam.consensus.snapshot-store.class = "org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin"
            """).withFallback(EventSourcedBehaviorTestKit.config()).withFallback(ConfigFactory.load());
    private static final ActorTestKit KIT = ActorTestKit.create("rollouts", CONFIG);
    private static final List<Wave> WAVES = List.of(
            new Wave("canary", List.of("n1"), Duration.ofMinutes(10)), new Wave("rest", List.of("n2", "n3"), Duration.ofMinutes(30)));

    /** The in-memory journal outlives each test: every test gets its own rollout. */
    private static final AtomicInteger NAMES = new AtomicInteger();

    private EventSourcedBehaviorTestKit<Command, Event, Rollout> rollout;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void fresh() {
        rollout = EventSourcedBehaviorTestKit.create(KIT.system(), RolloutSequencer.create("gpu-driver-" + NAMES.incrementAndGet()));
    }

    private Outcome send(Function<ActorRef<Outcome>, Command> command) {
        return rollout.<Outcome>runCommand(command::apply).reply();
    }

    private Rollout accepted(Function<ActorRef<Outcome>, Command> command, Phase expected) {
        Rollout r = assertInstanceOf(Accepted.class, send(command)).rollout();
        assertEquals(expected, r.phase());
        return r;
    }

    private void refused(Function<ActorRef<Outcome>, Command> command, String because) {
        var result = rollout.<Outcome>runCommand(command::apply);
        Refused refused = assertInstanceOf(Refused.class, result.reply());
        assertTrue(refused.reason().contains(because), refused.reason());
        assertTrue(result.events().isEmpty(), "a refusal stores nothing");
    }

    private void start() {
        Rollout r = accepted(replyTo -> new RolloutSequencer.Start("sha256:b1", WAVES, "gpu", "alice", replyTo), Phase.WAVE_PENDING);
        assertEquals(0, r.wave());
        assertEquals("sha256:b1", r.bundleCid().orElseThrow());
    }

    @Test
    void everyWavePassingItsGateCompletesTheRollout() {
        start();
        for (int wave = 0; wave < WAVES.size(); wave++) {
            assertEquals(wave, accepted(RolloutSequencer.StartWave::new, Phase.WAVE_RUNNING).wave());
            accepted(RolloutSequencer.BeginBake::new, Phase.BAKING);
            accepted(RolloutSequencer.PassGate::new, wave + 1 < WAVES.size() ? Phase.WAVE_PENDING : Phase.COMPLETED);
        }
        refused(RolloutSequencer.StartWave::new, "COMPLETED");
        refused(replyTo -> new RolloutSequencer.Abort("late", "bob", replyTo), "only a rollout in progress");
    }

    @Test
    void aFailedGateRollsBackAndNothingMovesAfterwards() {
        start();
        accepted(RolloutSequencer.StartWave::new, Phase.WAVE_RUNNING);
        accepted(RolloutSequencer.BeginBake::new, Phase.BAKING);
        Rollout failing = accepted(replyTo -> new RolloutSequencer.FailGate("p99 latency 40% over budget", replyTo), Phase.ROLLING_BACK);
        assertEquals("p99 latency 40% over budget", failing.reason().orElseThrow());
        refused(RolloutSequencer.PassGate::new, "ROLLING_BACK");
        accepted(RolloutSequencer.ConfirmRolledBack::new, Phase.ROLLED_BACK);
        refused(RolloutSequencer.StartWave::new, "ROLLED_BACK");
    }

    @Test
    void stepsOutOfOrderAreRefusedWithTheReason() {
        refused(RolloutSequencer.StartWave::new, "NOT_STARTED");
        refused(replyTo -> new RolloutSequencer.Start("sha256:b1", List.of(), "gpu", "alice", replyTo), "at least one wave");
        start();
        refused(replyTo -> new RolloutSequencer.Start("sha256:b2", WAVES, "gpu", "mallory", replyTo), "started already");
        refused(RolloutSequencer.BeginBake::new, "no wave is running");
        refused(RolloutSequencer.PassGate::new, "only after baking");
        refused(RolloutSequencer.ConfirmRolledBack::new, "not rolling back");
        accepted(RolloutSequencer.StartWave::new, Phase.WAVE_RUNNING);
        refused(RolloutSequencer.StartWave::new, "no wave is waiting");
    }

    @Test
    void anAbortEndsARolloutInProgressAndARestartKeepsWhereItStood() {
        start();
        accepted(RolloutSequencer.StartWave::new, Phase.WAVE_RUNNING);
        rollout.restart();
        Rollout recovered = rollout.<Rollout>runCommand(RolloutSequencer.Get::new).reply();
        assertEquals(Phase.WAVE_RUNNING, recovered.phase());
        assertEquals(WAVES, recovered.waves());
        Rollout aborted = accepted(replyTo -> new RolloutSequencer.Abort("bad bundle", "bob", replyTo), Phase.ABORTED);
        assertEquals("bad bundle (by bob)", aborted.reason().orElseThrow());
    }
}
