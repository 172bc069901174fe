package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.FragmentSink;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.ProtectOptions;
import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.sign.SigningKey;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.Node;
import dev.kwam.placement.Placement;
import dev.kwam.placement.Placer;
import dev.kwam.placement.StripeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Real manifests and fragments from the codec, small fleets, and census entries for them. */
final class Fixtures {
    static final SigningKey KEY = SigningKey.generate();
    static final AntiAffinity RACKS = AntiAffinity.of("rack");
    /** Small chunks so that a few KiB make several stripes. */
    static final ChunkerParams SMALL = new ChunkerParams(1024, 4096, 16384);
    /**
     * Drops fragments. Tests that protect in a static initializer must use this rather than a lambda of
     * their own: protect's worker threads would wait on the initialization of the test class.
     */
    static final FragmentSink DISCARD = new FragmentSink() {
        @Override
        public void put(dev.kwam.codec.fragment.Fragment fragment) {
        }
    };

    private Fixtures() {
    }

    static Manifest protect(String codec, int bytes, long seed, FragmentSink sink) {
        return protect(codec, random(bytes, seed), sink);
    }

    static Manifest protect(String codec, byte[] content, FragmentSink sink) {
        return protect(codec, content, sink, SMALL);
    }

    static Manifest protect(String codec, byte[] content, FragmentSink sink, ChunkerParams chunker) {
        try {
            return Kwam.protect(content, ProtectOptions.builder().codec(CodecSpec.parse(codec)).chunker(chunker)
                    .signingKey(KEY).parallelism(1).build(), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** {@code racks} racks of {@code perRack} nodes named n0, n1, …, rack r0, r1, …. */
    static Topology fleet(int racks, int perRack) {
        List<Node> nodes = new ArrayList<>();
        for (int r = 0; r < racks; r++) {
            for (int n = 0; n < perRack; n++) {
                nodes.add(Node.of("n" + (r * perRack + n), Map.of("rack", "r" + r)));
            }
        }
        return Topology.of(nodes);
    }

    /** Where the placer puts the stripe on {@code topology}: node names by fragment index. */
    static List<String> placement(StripeRef ref, Topology topology) {
        return placement(ref.stripe(), ref.width(), topology);
    }

    static List<String> placement(Cid stripe, int width, Topology topology) {
        Placement p = Placer.place(StripeId.ofChunk(stripe), width, RACKS, topology);
        return p.nodes().stream().map(Object::toString).toList();
    }

    /** The census entry of a fully placed stripe. */
    static StripeEntry placed(StripeRef ref, List<String> nodes) {
        List<FragmentSlot> slots = new ArrayList<>();
        for (int i = 0; i < ref.width(); i++) {
            slots.add(new FragmentSlot(i, ref.fragment(i), nodes.get(i), SlotState.OK));
        }
        return entry(ref, slots);
    }

    static StripeEntry entry(StripeRef ref, List<FragmentSlot> slots) {
        return new StripeEntry(ref.stripe(), ref.codec().dataCount(), ref.codec().parityCount(), slots);
    }

    static StripeEntry with(StripeEntry entry, int index, String node, SlotState state) {
        List<FragmentSlot> slots = new ArrayList<>(entry.slots());
        FragmentSlot old = slots.get(index);
        slots.set(index, new FragmentSlot(index, old.fragment(), node, state));
        return new StripeEntry(entry.stripe(), entry.k(), entry.m(), slots);
    }

    static List<StripeRef> stripes(Manifest manifest) {
        List<StripeRef> refs = new ArrayList<>();
        for (int i = 0; i < manifest.chunks().size(); i++) {
            refs.add(new StripeRef(manifest.chunks().get(i).chunkCid(), manifest, i));
        }
        return refs;
    }
}
