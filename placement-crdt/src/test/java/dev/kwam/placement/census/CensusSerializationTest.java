package dev.kwam.placement.census;

import static dev.kwam.placement.census.CensusFixtures.cid;
import static dev.kwam.placement.census.CensusFixtures.node;
import static dev.kwam.placement.census.CensusFixtures.object;
import static dev.kwam.placement.census.CensusFixtures.slot;
import static dev.kwam.placement.census.CensusFixtures.slots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.serialization.KwamKryoSerializer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every census message and replicated value round-trips through Pekko serialization (KWAM's Kryo). */
class CensusSerializationTest {
    private static final ActorTestKit KIT = ActorTestKit.create("census-serialization", CensusFixtures.clusterConfig(0));
    private static final Serialization SERIALIZATION = SerializationExtension.get(KIT.system().classicSystem());

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    private static Object roundTrip(Object o) {
        assertInstanceOf(KwamKryoSerializer.class, SERIALIZATION.findSerializerFor(o), o.getClass().getName());
        byte[] bytes = SERIALIZATION.serialize(o).get();
        return SERIALIZATION.deserialize(bytes, KwamKryoSerializer.IDENTIFIER, "").get();
    }

    @Test
    void everyCommandAndReplyRoundTrips() {
        ActorRef<Done> done = KIT.createTestProbe(Done.class).getRef();
        ActorRef<Census.Recorded> recorded = KIT.createTestProbe(Census.Recorded.class).getRef();
        List<Object> messages = List.of(
                new Census.RegisterNode(node("n1", 42), done),
                new Census.GetNodes(KIT.createTestProbe(Census.Nodes.class).getRef()),
                new Census.Nodes(List.of(node("n1", 1), node("n2", 2))),
                new Census.RecordFragments(cid("s"), 10, 4, slots(14, "n1"), recorded),
                new Census.Recorded(cid("s"), true),
                Census.Recorded.refused(cid("s"), "slot index 3 appears twice"),
                new Census.LookupStripes(List.of(cid("a"), cid("b")), KIT.createTestProbe(Census.Stripes.class).getRef()),
                new Census.Stripes(Map.of(cid("s"), new StripeEntry(cid("s"), 10, 4, slots(14, "n1")))),
                new Census.RecordObject(object("o", List.of("n1", "n2")), recorded),
                new Census.LookupObject(cid("o"), KIT.createTestProbe(Census.ObjectFound.class).getRef()),
                new Census.ObjectFound(cid("o"), Optional.of(object("o", List.of("n1")))),
                new Census.ObjectFound(cid("o"), Optional.empty()),
                new Census.ListObjects(10, KIT.createTestProbe(Census.ObjectList.class).getRef()),
                new Census.ObjectList(List.of(object("o", List.of()))));
        for (Object m : messages) {
            assertEquals(m, roundTrip(m), m.getClass().getName());
        }
    }

    @Test
    void replicatedValuesRoundTripWithInternedNames() {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            StripeShard s = CensusValues.stripeShard(random);
            assertEquals(s, roundTrip(s));
            ObjectShard o = CensusValues.objectShard(random);
            assertEquals(o, roundTrip(o));
            NodeDirectory d = CensusValues.nodeDirectory(random);
            assertEquals(d, roundTrip(d));
        }
        StripeShard one = StripeShard.EMPTY.record(StripeRecord.written(cid("s"), 10, 4, slots(14, "n-interned"), 1, "w", null));
        StripeShard back = (StripeShard) roundTrip(one);
        assertSame("n-interned".intern(), back.records[0].nodes[5]);
        assertTrue(back.deltaData().isEmpty(), "the delta is never part of the wire form");
    }

    @Test
    void aMillionFragmentCensusKeyFitsArterysDefaultFrame() {
        StripeShard shard = StripeShard.EMPTY;
        for (int s = 0; s < 280; s++) {
            shard = shard.record(StripeRecord.written(cid("stripe-" + s), 10, 4, slots(14, "node-" + (s % 50)), 1, "w",
                    null));
        }
        int bytes = SERIALIZATION.serialize(shard.resetDelta()).get().length;
        assertTrue(bytes < 256 * 1024, bytes + " bytes");
    }

    @Test
    void hostileOrTruncatedBytesAreRefusedNotTrusted() {
        byte[] good = SERIALIZATION.serialize(CensusValues.stripeShard(new Random(1))).get();
        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        assertThrows(IllegalArgumentException.class,
                () -> SERIALIZATION.deserialize(truncated, KwamKryoSerializer.IDENTIFIER, "").get());
        // The StripeShard class id (1140 as a Kryo varint, +2), then a name count of 2^31-1.
        byte[] hugeCount = SERIALIZATION.serialize(StripeShard.EMPTY).get();
        byte[] hostile = Arrays.copyOf(hugeCount, hugeCount.length + 4);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}, 0, hostile,
                hugeCount.length - 2, 5);
        assertThrows(IllegalArgumentException.class,
                () -> SERIALIZATION.deserialize(hostile, KwamKryoSerializer.IDENTIFIER, "").get());
        FragmentSlot s = slot(0, "n");
        assertEquals(s, roundTrip(s));
    }
}
