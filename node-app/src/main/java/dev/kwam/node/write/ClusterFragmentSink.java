package dev.kwam.node.write;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentSink;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.StripeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path's {@link FragmentSink}: sends each fragment to the node the placer chose for it
 * (this node's store directly, others over {@link FragmentCourier}), re-places it when that node
 * fails, and records a fragment no node could take as unplaced instead of failing the protect — the
 * quorum check after protect decides whether the object may be acknowledged. It does fail fast,
 * though, once some stripe has lost so many fragments that it can no longer reach the quorum.
 *
 * <p>Stripes are named by their chunk's cid ({@link StripeId#ofChunk}), so concurrent protects of
 * the same content agree on placement; the placement is cached per chunk for the whole protect.
 */
public final class ClusterFragmentSink implements FragmentSink {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterFragmentSink.class);

    private final Topology topology;
    private final AntiAffinity antiAffinity;
    private final FragmentCourier courier;
    private final int quorum;
    private final Map<Cid, StripePlacement> placements = new ConcurrentHashMap<>();
    private final Map<Cid, String> stored = new ConcurrentHashMap<>();
    private final Map<StripeKey, AtomicInteger> unplaced = new ConcurrentHashMap<>();

    /** A stripe of this object: the same chunk twice in one object is two stripes (their fragments differ). */
    private record StripeKey(Cid chunk, int stripe) {
    }

    /** Thrown (and so failing the protect) when a stripe can no longer reach the write quorum. */
    public static final class QuorumUnreachable extends IOException {
        private static final long serialVersionUID = 1L;

        QuorumUnreachable(String message) {
            super(message);
        }
    }

    public ClusterFragmentSink(Topology topology, AntiAffinity antiAffinity, FragmentCourier courier, int quorum) {
        this.topology = topology;
        this.antiAffinity = antiAffinity;
        this.courier = courier;
        this.quorum = quorum;
    }

    @Override
    public void put(Fragment fragment) throws IOException {
        FragmentHeader h = fragment.header();
        int width = h.codec().totalCount();
        StripePlacement placement = placements.computeIfAbsent(h.chunkCid(),
                chunk -> StripePlacement.of(StripeId.ofChunk(chunk), width, antiAffinity, topology));
        NodeId node = placement.target(h.fragmentIndex());
        while (node != null) {
            try {
                courier.deliver(node.value(), fragment);
                stored.put(fragment.cid(), node.value());
                return;
            } catch (IOException | RuntimeException e) {
                NodeId failed = node;
                node = placement.replaceAfterFailure(h.fragmentIndex(), failed);
                LOG.warn("fragment {} (index {} of stripe {}, chunk {}) could not be stored on {}: {}; {}", fragment.cid(),
                        h.fragmentIndex(), h.stripeIndex(), h.chunkCid(), failed, e.getMessage(),
                        node == null ? "no other node can take it: left unplaced for repair" : "trying " + node);
            }
        }
        int lost = unplaced.computeIfAbsent(new StripeKey(h.chunkCid(), h.stripeIndex()), k -> new AtomicInteger())
                .incrementAndGet();
        if (width - lost < quorum) {
            throw new QuorumUnreachable("stripe " + h.stripeIndex() + " (chunk " + h.chunkCid() + "): " + lost + " of " + width
                    + " fragments could not be stored on any live node, so fewer than the write quorum of " + quorum
                    + " can be durable (" + topology.size() + " live nodes)");
        }
    }

    /** The node holding {@code fragment}, or "" when it was not stored anywhere. */
    public String holder(Cid fragment) {
        return stored.getOrDefault(fragment, "");
    }

    /** The census slots of one stripe of the manifest: where each fragment went, or unplaced. */
    public List<FragmentSlot> slots(ChunkEntry chunk) {
        List<FragmentSlot> slots = new ArrayList<>(chunk.fragments().size());
        for (int i = 0; i < chunk.fragments().size(); i++) {
            Cid cid = chunk.fragments().get(i);
            String node = holder(cid);
            slots.add(new FragmentSlot(i, cid, node, node.isEmpty() ? SlotState.MISSING : SlotState.OK));
        }
        return slots;
    }

    /** Distinct nodes durably holding a fragment of this stripe. */
    public int distinctHolders(ChunkEntry chunk) {
        Set<String> nodes = new HashSet<>();
        for (Cid cid : chunk.fragments()) {
            String node = holder(cid);
            if (!node.isEmpty()) {
                nodes.add(node);
            }
        }
        return nodes.size();
    }
}
