package dev.kwam.node.sim;

import dev.kwam.codec.durability.FleetSimulation;
import dev.kwam.hud.NodeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The modeled fleet's shape and its state now, as the HUD draws it: node {@code i} sits in rack {@code i / perRack},
 * 8 racks to a PDU, 4 PDUs to a spine, 4 spines to an availability zone, one region. Written by the simulating thread,
 * read by the HUD's: every cell is atomic.
 */
final class SimFleet {
    static final int RACKS_PER_PDU = 8;
    static final int PDUS_PER_SPINE = 4;
    static final int SPINES_PER_AZ = 4;

    private final FleetSimulation.Fleet fleet;
    private final AtomicIntegerArray nodeDown;
    private final AtomicIntegerArray rackDown;
    private final AtomicLong version = new AtomicLong();
    private final List<Map<String, String>> labels;

    SimFleet(FleetSimulation.Fleet fleet) {
        this.fleet = fleet;
        this.nodeDown = new AtomicIntegerArray(fleet.nodes());
        this.rackDown = new AtomicIntegerArray(fleet.racks());
        // One label map per rack, shared by its nodes: 100,000 nodes make 2,500 maps, not 100,000.
        List<Map<String, String>> perRack = new ArrayList<>(fleet.racks());
        for (int r = 0; r < fleet.racks(); r++) {
            int pdu = r / RACKS_PER_PDU;
            int spine = pdu / PDUS_PER_SPINE;
            int az = spine / SPINES_PER_AZ;
            perRack.add(Map.of("region", "sim", "az", "az-" + az, "spine", "spine-" + spine, "pdu", "pdu-" + pdu, "rack", "rack-" + r));
        }
        this.labels = perRack;
    }

    static String name(int node) {
        return String.format(Locale.ROOT, "node-%06d", node);
    }

    Map<String, String> rackLabels(int rack) {
        return labels.get(rack);
    }

    int rackOf(int node) {
        return node / fleet.nodesPerRack();
    }

    void node(int node, boolean down) {
        nodeDown.set(node, down ? 1 : 0);
        version.incrementAndGet();
    }

    void rack(int rack, boolean down) {
        rackDown.set(rack, down ? 1 : 0);
        version.incrementAndGet();
    }

    /** Changes since the start: a reader that saw the same version saw the same fleet. */
    long version() {
        return version.get();
    }

    /** Every node as the HUD lists it: up, or down (failed itself, or out with its rack). */
    List<NodeRecord> records() {
        List<NodeRecord> out = new ArrayList<>(fleet.nodes());
        for (int i = 0; i < fleet.nodes(); i++) {
            int rack = rackOf(i);
            boolean down = nodeDown.get(i) == 1 || rackDown.get(rack) == 1;
            out.add(new NodeRecord(name(i), down ? "down" : "up", !down, labels.get(rack), "", "", ""));
        }
        return out;
    }

    FleetSimulation.Fleet fleet() {
        return fleet;
    }
}
