package dev.kwam.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Synthetic fleets for simulations, benchmarks and the HUD's MODELED view: a regular hierarchy of
 * azs, spines, pdus, racks and nodes with globally unique label values ({@code az2.s1.p3.r12}).
 * Anything shown to a person from such a fleet must carry {@code source = MODELED}.
 */
public final class ModeledFleet {
    /** The levels these fleets label, smallest first, as a policy lists them. */
    public static final AntiAffinity LEVELS = AntiAffinity.of("rack", "pdu", "spine", "az");

    private ModeledFleet() {
    }

    /** A regular fleet: {@code azs × spinesPerAz × pdusPerSpine × racksPerPdu × nodesPerRack} nodes. */
    public static Topology uniform(int azs, int spinesPerAz, int pdusPerSpine, int racksPerPdu, int nodesPerRack) {
        List<Node> nodes = new ArrayList<>(azs * spinesPerAz * pdusPerSpine * racksPerPdu * nodesPerRack);
        for (int a = 0; a < azs; a++) {
            String az = "az" + a;
            for (int s = 0; s < spinesPerAz; s++) {
                String spine = az + ".s" + s;
                for (int p = 0; p < pdusPerSpine; p++) {
                    String pdu = spine + ".p" + p;
                    for (int r = 0; r < racksPerPdu; r++) {
                        String rack = pdu + ".r" + r;
                        for (int n = 0; n < nodesPerRack; n++) {
                            nodes.add(Node.of(rack + ".n" + n, Map.of("az", az, "spine", spine, "pdu", pdu, "rack", rack)));
                        }
                    }
                }
            }
        }
        return Topology.of(nodes);
    }
}
