package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest, signed, that lists for one parity a fragment whose bytes are internally valid but are not
 * the stripe's parity: every source passes its own hash check, yet what they rebuild fails the gate.
 */
final class Lies {
    private Lies() {
    }

    static StripeRef withImpostorParity(World world, StripeRef honest, int parity) {
        Manifest m = honest.manifest();
        ChunkEntry entry = honest.entry();
        FragmentHeader h = new FragmentHeader(m.codec(), parity, honest.index(), entry.length(), entry.shardSize(),
                entry.chunkCid(), new byte[32]);
        Fragment impostor = Fragment.seal(h, Fixtures.random(entry.shardSize(), 99), Cid.sha256());
        List<Cid> fragments = new ArrayList<>(entry.fragments());
        fragments.set(parity, impostor.cid());
        List<ChunkEntry> chunks = new ArrayList<>(m.chunks());
        chunks.set(honest.index(), new ChunkEntry(entry.chunkCid(), entry.length(), entry.shardSize(), fragments));
        Manifest lying = Manifest.sign(m.codec(), m.chunkMin(), m.chunkAvg(), m.chunkMax(), m.objectSize(), m.objectCid(),
                chunks, Fixtures.KEY);
        world.nodes.store(world.holder(honest, parity)).put(impostor.cid(), impostor.toBytes());
        StripeRef ref = new StripeRef(honest.stripe(), lying, honest.index());
        world.refs.put(ref.stripe(), ref);
        world.census.put(Fixtures.placed(ref, world.placements.get(ref.stripe())));
        return ref;
    }
}
