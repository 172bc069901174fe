package dev.kwam.node.api;

import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.api.KwamNode.ErrorCode;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Placer;
import dev.kwam.placement.StripeId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a signed manifest on {@code required} distinct nodes: this node first (the writer can
 * always answer for what it wrote), then the placer's order for a "stripe" named by the manifest's
 * cid, so any node can guess where a manifest lives. Blocking; runs on the pipeline dispatcher.
 */
final class ManifestCopies {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestCopies.class);
    private final NodeContext ctx;

    ManifestCopies(NodeContext ctx) {
        this.ctx = ctx;
    }

    /** The nodes now durably holding the manifest (at least {@code required}), or a NOT_ENOUGH_NODES refusal. */
    List<String> store(FleetView fleet, Manifest manifest, int required) {
        byte[] bytes = manifest.encode();
        List<String> holders = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String node : order(fleet, manifest)) {
            if (holders.size() >= required) {
                break;
            }
            try {
                if (node.equals(ctx.self())) {
                    ctx.manifests().put(manifest.cid(), bytes);
                } else {
                    ctx.peers().putManifest(NodeContext.endpoint(fleet, node), manifest.cid(), bytes);
                }
                holders.add(node);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("manifest {} could not be stored on {}: {}", manifest.cid(), node, e.getMessage());
                failures.add(node + ": " + e.getMessage());
            }
        }
        if (holders.size() < required) {
            throw new Refused(ErrorCode.NOT_ENOUGH_NODES, "the manifest is durable on " + holders.size() + " node(s), "
                    + required + " needed (min(m+1, live nodes))", failures);
        }
        return holders;
    }

    private static List<String> order(FleetView fleet, Manifest manifest) {
        Set<String> order = new LinkedHashSet<>();
        order.add(fleet.self());
        order.addAll(order(fleet, manifest.cid()));
        return new ArrayList<>(order);
    }

    /** Where the placer puts a manifest's copies on this membership: the first nodes a reader asks. */
    static List<String> order(FleetView fleet, dev.kwam.codec.Cid manifest) {
        Set<String> order = new LinkedHashSet<>();
        if (fleet.live().size() > 0) {
            StripeId stripe = StripeId.ofName(manifest.digest());
            for (NodeId node : Placer.place(stripe, fleet.live().size(), fleet.antiAffinity(List.of()), fleet.topology()).nodes()) {
                order.add(node.value());
            }
        }
        return new ArrayList<>(order);
    }
}
