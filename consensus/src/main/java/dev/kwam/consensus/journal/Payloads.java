package dev.kwam.consensus.journal;

import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * Events and snapshots to and from bytes through Pekko Serialization, so whatever the actor system binds
 * (KWAM's Kryo for {@code KwamSerializable}) is what the group stores, with the serializer's id and manifest
 * beside the bytes so another node can read them back.
 */
final class Payloads {
    record Serialized(int serializerId, String manifest, byte[] bytes) {
    }

    private final Serialization serialization;

    Payloads(Serialization serialization) {
        this.serialization = serialization;
    }

    /** Throws what the serializer throws (an unbound or unregistered class): the caller rejects that write. */
    Serialized serialize(Object payload) throws Exception {
        Serializer serializer = serialization.findSerializerFor(payload);
        byte[] bytes = serializer.toBinary(payload);
        if (bytes.length > JournalWire.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a serialized " + payload.getClass().getName() + " of " + bytes.length
                    + " bytes is larger than the journal's limit of " + JournalWire.MAX_PAYLOAD_BYTES);
        }
        return new Serialized(serializer.identifier(), Serializers.manifestFor(serializer, payload), bytes);
    }

    Object deserialize(int serializerId, String manifest, byte[] bytes) {
        return serialization.deserialize(bytes, serializerId, manifest).get();
    }
}
