package dev.kwam.actors;

/**
 * Marks a message that may cross a node boundary. Pekko binds this interface to KWAM's Kryo
 * serializer; Java serialization is off, so a remote message without it fails loudly at the sender.
 * Its concrete classes must also be registered with a stable id under
 * {@code kwam.serialization.kryo.registrations} (see {@code actors-core/src/main/resources/reference.conf}).
 */
public interface KwamSerializable {
}
