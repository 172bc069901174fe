package dev.kwam.actors.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KwamKryoSerializerTest {
    private static final Config CONFIG = ConfigFactory.parseString("""
            pekko.actor.serialize-messages = on
            kwam.serialization.kryo.registrations {
              "dev.kwam.actors.serialization.Ping" = 1000
              "dev.kwam.actors.serialization.Pong" = 1001
            }
            """).withFallback(ConfigFactory.load());
    private static final ActorTestKit KIT = ActorTestKit.create("kryo", CONFIG);
    private static final Serialization SERIALIZATION = SerializationExtension.get(KIT.system().classicSystem());

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @Test
    void kwamMessagesAreBoundToTheKryoSerializer() {
        Serializer s = SERIALIZATION.findSerializerFor(new Pong("x", 1));
        assertInstanceOf(KwamKryoSerializer.class, s);
        assertEquals(KwamKryoSerializer.IDENTIFIER, s.identifier());
    }

    @Test
    void recordsWithCollectionsCidsOptionalsAndReplyAddressesRoundTrip() {
        TestProbe<Pong> probe = KIT.createTestProbe();
        Ping ping = ping(probe.getRef());

        byte[] bytes = SERIALIZATION.serialize(ping).get();
        Ping back = (Ping) SERIALIZATION.deserialize(bytes, KwamKryoSerializer.IDENTIFIER, "").get();

        assertEquals(ping.text(), back.text());
        assertEquals(ping.numbers(), back.numbers());
        assertEquals(ping.cids(), back.cids());
        assertEquals(ping.timeout(), back.timeout());
        assertEquals(ping.codec(), back.codec());
        assertArrayEquals(ping.payload(), back.payload());
        assertEquals(probe.getRef(), back.replyTo());
    }

    @Test
    void actorsExchangeMessagesThroughTheSerializer() {
        ActorRef<Ping> echo = KIT.spawn(Behaviors.receiveMessage(p -> {
            p.replyTo().tell(new Pong(p.text(), p.payload().length));
            return Behaviors.same();
        }));
        TestProbe<Pong> probe = KIT.createTestProbe();

        echo.tell(ping(probe.getRef()));

        assertEquals(new Pong("hello", 3), probe.receiveMessage());
    }

    @Test
    void anUnregisteredMessageFailsAtTheSenderAndSaysHowToFixIt() {
        Throwable failure = SERIALIZATION.serialize(new Unregistered("nope")).failed().get();
        assertTrue(failure.getMessage().contains("kwam.serialization.kryo.registrations"), failure.getMessage());
    }

    @Test
    void javaSerializationIsOff() {
        record PlainJava(String text) implements Serializable {
        }
        assertTrue(SERIALIZATION.serialize(new PlainJava("x")).isFailure());
    }

    @Test
    void bytesThatDoNotDecodeAreRefusedNeverGuessed() {
        byte[] good = SERIALIZATION.serialize(new Pong("x", 1)).get();
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        byte[] unknownClass = {(byte) 0xF7, (byte) 0x8F, 0x01};
        assertRefused(trailing);
        assertRefused(unknownClass);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(64)];
            rnd.nextBytes(junk);
            try {
                SERIALIZATION.deserialize(junk, KwamKryoSerializer.IDENTIFIER, "").get();
            } catch (IllegalArgumentException refused) {
                continue; // the only acceptable failure
            }
        }
    }

    private static void assertRefused(byte[] bytes) {
        assertThrows(IllegalArgumentException.class,
                () -> SERIALIZATION.deserialize(bytes, KwamKryoSerializer.IDENTIFIER, "").get());
    }

    private static Ping ping(ActorRef<Pong> replyTo) {
        return new Ping("hello", List.of(1, 2, 3), Map.of("a", Cid.of(new byte[] {1})), Optional.of(Duration.ofSeconds(5)),
                new CodecSpec.ReedSolomonSpec(10, 4), new byte[] {7, 8, 9}, replyTo);
    }
}
