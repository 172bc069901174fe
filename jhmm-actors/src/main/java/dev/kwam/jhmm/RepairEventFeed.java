package dev.kwam.jhmm;

import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** Who hears the JHMM's {@link RepairEvent}s: subscribers are watched, and forgotten when they stop. */
final class RepairEventFeed {
    private final ActorContext<RepairSupervisor.Command> context;
    private final Set<ActorRef<RepairEvent>> subscribers = new HashSet<>();

    RepairEventFeed(ActorContext<RepairSupervisor.Command> context) {
        this.context = context;
    }

    void subscribe(ActorRef<RepairEvent> subscriber) {
        subscribers.add(subscriber);
        context.watch(subscriber);
    }

    void unsubscribe(ActorRef<RepairEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    /** A watched actor stopped: if it was a subscriber, it hears nothing more. */
    void stopped(ActorRef<?> ref) {
        subscribers.remove(ref);
    }

    void publish(RepairEvent event) {
        for (ActorRef<RepairEvent> s : subscribers) {
            s.tell(event);
        }
    }
}
