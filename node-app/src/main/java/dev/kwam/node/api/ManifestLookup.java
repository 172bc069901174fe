package dev.kwam.node.api;

import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.manifest.ManifestFormatException;
import dev.kwam.codec.sign.PublicKey;
import dev.kwam.node.api.KwamNode.ErrorCode;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.census.NodeEntry;
import dev.kwam.placement.census.ObjectEntry;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an object's manifest and decides whether to believe it: this node's manifest store, else
 * the holders the census names, else every other live node. A copy counts only if its bytes hash to
 * the object's cid (so no node can answer with another manifest) and its signature verifies;
 * then its signer must be a manifest key some node registered in the census directory (or this
 * node's own), else the manifest is refused — a valid signature by a stranger proves nothing.
 * Blocking; runs on the pipeline dispatcher.
 */
final class ManifestLookup {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestLookup.class);
    private final NodeContext ctx;

    ManifestLookup(NodeContext ctx) {
        this.ctx = ctx;
    }

    Manifest find(Cid object, FleetView fleet, Optional<ObjectEntry> entry) {
        List<String> tried = new ArrayList<>();
        Optional<byte[]> bytes = local(object, tried);
        if (bytes.isEmpty()) {
            Set<String> order = new LinkedHashSet<>();
            entry.ifPresent(e -> order.addAll(e.manifestHolders()));
            order.addAll(ManifestCopies.order(fleet, object));
            order.addAll(fleet.live());
            order.remove(ctx.self());
            for (String node : order) {
                if (!fleet.isLive(node)) {
                    tried.add(node + ": not a live member");
                    continue;
                }
                bytes = remote(node, object, fleet, tried);
                if (bytes.isPresent()) {
                    break;
                }
            }
        }
        if (bytes.isEmpty()) {
            throw new Refused(ErrorCode.NOT_FOUND, "no object " + object + ": no live node holds its manifest"
                    + (entry.isPresent() ? " (the census knows it; its manifest holders are down)" : ""), tried);
        }
        Manifest manifest;
        try {
            manifest = Manifest.decode(bytes.get());
        } catch (ManifestFormatException e) {
            throw new Refused(ErrorCode.INTERNAL, "manifest " + object + " hashes right but does not decode: " + e.getMessage());
        }
        List<PublicKey> trusted = trusted(fleet);
        if (!trusted.contains(manifest.signer())) {
            throw new Refused(ErrorCode.INVALID_ARGUMENT, "manifest " + object + " is signed by " + manifest.signer()
                    + ", which no node of this cluster registered as its manifest key: refused");
        }
        return manifest;
    }

    /** This node's key and every manifest key in the census directory. */
    List<PublicKey> trusted(FleetView fleet) {
        List<PublicKey> keys = new ArrayList<>();
        keys.add(ctx.key().publicKey());
        for (NodeEntry e : fleet.directory().values()) {
            if (e.manifestKey().isEmpty()) {
                continue; // known so far only from its member roles; its key arrives with its directory entry
            }
            try {
                keys.add(PublicKey.fromRaw(HexFormat.of().parseHex(e.manifestKey())));
            } catch (IllegalArgumentException bad) {
                LOG.warn("node {} registered an unusable manifest key '{}': {}", e.node(), e.manifestKey(), bad.getMessage());
            }
        }
        return keys;
    }

    private Optional<byte[]> local(Cid object, List<String> tried) {
        try {
            Optional<byte[]> bytes = ctx.manifests().get(object);
            if (bytes.isEmpty()) {
                tried.add(ctx.self() + " (this node): not held");
            }
            return bytes;
        } catch (java.io.IOException e) {
            tried.add(ctx.self() + " (this node): " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<byte[]> remote(String node, Cid object, FleetView fleet, List<String> tried) {
        try {
            Optional<byte[]> bytes = ctx.peers().getManifest(NodeContext.endpoint(fleet, node), object);
            if (bytes.isEmpty()) {
                tried.add(node + ": not held");
                return bytes;
            }
            if (!object.matches(Cid.sha256().digest(bytes.get()))) {
                tried.add(node + ": sent bytes that do not hash to " + object);
                LOG.warn("node {} answered GET /manifest/{} with bytes hashing to {}: ignored", node, object, Cid.of(bytes.get()));
                return Optional.empty();
            }
            return bytes;
        } catch (java.io.IOException e) {
            tried.add(node + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
