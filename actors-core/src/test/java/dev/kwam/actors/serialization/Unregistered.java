package dev.kwam.actors.serialization;

import dev.kwam.actors.KwamSerializable;

/** Bound to the Kryo serializer by its interface, but deliberately missing from the registrations. */
record Unregistered(String text) implements KwamSerializable {
}
