package dev.kwam.consensus.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.actors.serialization.KwamKryoSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every message, reply, event and snapshotted state of the entities goes through KWAM's Kryo serializer and
 * comes back equal: an unregistered class (or one Kryo cannot rebuild) fails here, not on a remote node or in a
 * replay.
 */
class EntitySerializationTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Instant AT = Instant.parse("2026-12-07T15:00:00Z");

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static void roundTrips(Object message) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(KIT.system()));
        var serializer = serialization.findSerializerFor(message);
        assertEquals(KwamKryoSerializer.IDENTIFIER, serializer.identifier(), message.getClass() + " goes through Kryo");
        byte[] bytes = serializer.toBinary(message);
        Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
        assertEquals(message, back);
    }

    @Test
    void consentLedgerMessagesRoundTrip() {
        ActorRef<Object> ref = KIT.createTestProbe().ref();
        for (Object m : List.of(new ConsentLedger.Spend("t", "alice", "drain", ref.narrow()), new ConsentLedger.Check("t", ref.narrow()),
                new ConsentLedger.Spent("t", AT), new ConsentLedger.AlreadySpent("t", "alice", "drain", AT),
                new ConsentLedger.Unspent("t"), new ConsentLedger.TokenSpent("t", "alice", "drain", AT))) {
            roundTrips(m);
        }
    }

    @Test
    void aLedgerSnapshotRoundTrips() {
        ConsentLedger.Snapshot snap = new ConsentLedger.Snapshot(new String[] {"t1", "t2"}, new String[] {"alice", "bob"},
                new String[] {"drain", "deploy"}, new long[] {AT.getEpochSecond(), 7}, new int[] {AT.getNano(), 9});
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(KIT.system()));
        var serializer = serialization.findSerializerFor(snap);
        ConsentLedger.Snapshot back = (ConsentLedger.Snapshot) serialization.deserialize(serializer.toBinary(snap), serializer.identifier(),
                Serializers.manifestFor(serializer, snap)).get();
        org.junit.jupiter.api.Assertions.assertArrayEquals(snap.tokens(), back.tokens());
        org.junit.jupiter.api.Assertions.assertArrayEquals(snap.spenders(), back.spenders());
        org.junit.jupiter.api.Assertions.assertArrayEquals(snap.actions(), back.actions());
        org.junit.jupiter.api.Assertions.assertArrayEquals(snap.seconds(), back.seconds());
        org.junit.jupiter.api.Assertions.assertArrayEquals(snap.nanos(), back.nanos());
    }

    @Test
    void nodeMarksMessagesRoundTrip() {
        ActorRef<Object> ref = KIT.createTestProbe().ref();
        NodeMarks.Mark mark = new NodeMarks.Mark("cordoned", AT, "spiffe://t/ops", "");
        for (Object m : List.of(new NodeMarks.Put("n1", "cordoned", "spiffe://t/ops", "", ref.narrow()),
                new NodeMarks.Clear("n1", "spiffe://t/ops", ref.narrow()), new NodeMarks.Get(ref.narrow()), mark,
                new NodeMarks.Marks(java.util.Map.of("n1", mark)), new NodeMarks.Marked("n1", mark),
                new NodeMarks.Cleared("n1", "spiffe://t/ops", AT), new NodeMarks.State(java.util.Map.of("n1", mark)))) {
            roundTrips(m);
        }
    }

    @Test
    void trustRootsMessagesRoundTrip() {
        ActorRef<Object> ref = KIT.createTestProbe().ref();
        TrustRoots.NewSigner s = new TrustRoots.NewSigner("k1", "acme", "ada", "ed25519:AAAA", List.of("consent.sign"));
        TrustRoots.Signer entry = new TrustRoots.Signer(s, AT, "genesis", Optional.of(AT), Optional.of("tok"));
        for (Object m : List.of(new TrustRoots.Seed(List.of(s), "genesis", ref.narrow()), new TrustRoots.AddSigner(s, "tok", ref.narrow()),
                new TrustRoots.RevokeSigner("k1", "tok", ref.narrow()), new TrustRoots.Get(ref.narrow()), s, entry,
                new TrustRoots.Seeded(1, AT), new TrustRoots.AlreadySeeded("genesis", AT), new TrustRoots.Changed(entry),
                new TrustRoots.ChangeRefused("k1", "why"), new TrustRoots.Roster(true, List.of(entry), 3),
                new TrustRoots.RosterSeeded(List.of(s), "genesis", AT), new TrustRoots.SignerAdded(s, "tok", AT),
                new TrustRoots.SignerRevoked("k1", "tok", AT))) {
            roundTrips(m);
        }
    }

    @Test
    void channelPointerMessagesAndTheSnapshottedStateRoundTrip() {
        ActorRef<Object> ref = KIT.createTestProbe().ref();
        ChannelPointers.Pointer p1 = new ChannelPointers.Pointer("sha256:aa", 1, AT, "alice", "tok1");
        ChannelPointers.Pointer p2 = new ChannelPointers.Pointer("sha256:bb", 2, AT, "bob", "tok2");
        for (Object m : List.of(new ChannelPointers.Set("sha256:aa", "alice", "tok", ref.narrow()), new ChannelPointers.Get(ref.narrow()),
                p1, new ChannelPointers.PointerSet("c", p2, Optional.of(p1)), new ChannelPointers.PointerSet("c", p1, Optional.empty()),
                new ChannelPointers.Current("c", Optional.of(p2), List.of(p1)), new ChannelPointers.PointerMoved(p1),
                new ChannelPointers.State(List.of(p2, p1)), new ChannelPointers.State(List.of()))) {
            roundTrips(m);
        }
    }

    @Test
    void rolloutMessagesRoundTrip() {
        ActorRef<Object> ref = KIT.createTestProbe().ref();
        RolloutSequencer.Wave wave = new RolloutSequencer.Wave("canary", List.of("n1"), Duration.ofMinutes(5));
        RolloutSequencer.Rollout r = new RolloutSequencer.Rollout("r", RolloutSequencer.Phase.BAKING, Optional.of("sha256:cc"),
                List.of(wave), Optional.of("gpu"), 0, Optional.empty(), Optional.of(AT));
        for (Object m : List.of(wave, r, new RolloutSequencer.Start("sha256:cc", List.of(wave), "gpu", "alice", ref.narrow()),
                new RolloutSequencer.StartWave(ref.narrow()), new RolloutSequencer.BeginBake(ref.narrow()),
                new RolloutSequencer.PassGate(ref.narrow()), new RolloutSequencer.FailGate("p99", ref.narrow()),
                new RolloutSequencer.ConfirmRolledBack(ref.narrow()), new RolloutSequencer.Abort("why", "bob", ref.narrow()),
                new RolloutSequencer.Get(ref.narrow()), new RolloutSequencer.Accepted(r), new RolloutSequencer.Refused("no", r),
                new RolloutSequencer.Started("sha256:cc", List.of(wave), "gpu", "alice", AT), new RolloutSequencer.WaveStarted(0, AT),
                new RolloutSequencer.BakeBegun(0, AT), new RolloutSequencer.GatePassed(0, AT),
                new RolloutSequencer.GateFailed(0, "p99", AT), new RolloutSequencer.RolledBack(AT),
                new RolloutSequencer.Aborted("why", "bob", AT))) {
            roundTrips(m);
        }
    }
}
