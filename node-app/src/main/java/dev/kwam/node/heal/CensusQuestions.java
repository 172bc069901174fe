package dev.kwam.node.heal;

import dev.kwam.placement.census.Census;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** Asks this node's census actor, each question with the node's census timeout. */
public record CensusQuestions(ActorRef<Census.Command> census, Duration timeout, Scheduler scheduler) {
    public <T> CompletionStage<T> ask(Function<ActorRef<T>, Census.Command> message) {
        return AskPattern.ask(census, message::apply, timeout, scheduler);
    }
}
