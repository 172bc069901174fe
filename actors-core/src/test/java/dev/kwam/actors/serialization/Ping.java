package dev.kwam.actors.serialization;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/** A message shaped like KWAM's protocols: records, immutable collections, cids, a reply address. */
record Ping(String text, List<Integer> numbers, Map<String, Cid> cids, Optional<Duration> timeout, CodecSpec codec,
        byte[] payload, ActorRef<Pong> replyTo) implements KwamSerializable {
}
