package dev.kwam.actors.serialization;

import dev.kwam.actors.KwamSerializable;

record Pong(String text, int payloadLength) implements KwamSerializable {
}
