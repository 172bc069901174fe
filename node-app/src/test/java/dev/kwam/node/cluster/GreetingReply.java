package dev.kwam.node.cluster;

import dev.kwam.actors.KwamSerializable;

/** The reply to a {@link Greeting}, naming the node that answered. */
record GreetingReply(String text, int sum, String answeredBy) implements KwamSerializable {
}
