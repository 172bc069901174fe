package dev.kwam.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Typed actor references (every {@code replyTo}) travel as Pekko's serialization format — the full
 * path with the node's address — and resolve back into a reference on the receiving node.
 */
final class ActorRefKryoSerializer extends Serializer<ActorRef<?>> {
    private final ActorRefResolver resolver;

    ActorRefKryoSerializer(ActorRefResolver resolver) {
        this.resolver = resolver;
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        output.writeString(resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        return resolver.resolveActorRef(input.readString());
    }
}
