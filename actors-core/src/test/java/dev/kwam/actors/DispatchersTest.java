package dev.kwam.actors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DispatchersTest {
    private static final ActorTestKit KIT = ActorTestKit.create("dispatchers");

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kwam.codec-dispatcher", "kwam.blocking-io-dispatcher"})
    void workSentToAKwamDispatcherRunsOnItsOwnThreads(String dispatcher) {
        TestProbe<String> probe = KIT.createTestProbe();
        ActorRef<String> worker = KIT.spawn(Behaviors.receiveMessage(replyTo -> {
            probe.getRef().tell(Thread.currentThread().getName());
            return Behaviors.same();
        }), "on-" + dispatcher.replace('.', '-'), DispatcherSelector.fromConfig(dispatcher));

        worker.tell("go");

        String thread = probe.receiveMessage();
        assertTrue(thread.contains(dispatcher), thread + " should belong to " + dispatcher);
    }
}
