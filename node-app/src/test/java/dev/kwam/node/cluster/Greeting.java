package dev.kwam.node.cluster;

import dev.kwam.actors.KwamSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** A test message between nodes; registered with Kryo in the test config (ids 1998/1999). */
record Greeting(String text, List<Integer> numbers, ActorRef<GreetingReply> replyTo) implements KwamSerializable {
}
