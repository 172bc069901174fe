package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.census.ObjectEntry;

/**
 * Finds an object's signed manifest and checks it (its cid, its signature, a signer the cluster trusts):
 * node-app's manifest lookup, the same one reads use. Blocking; throws when no trusted copy is found.
 */
@FunctionalInterface
public interface ManifestFinder {
    Manifest find(Cid object, FleetView fleet, ObjectEntry entry);
}
