package dev.kwam.dsl.policy;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.DurabilityInputs;
import dev.kwam.codec.durability.FleetShape;

/**
 * The durability math behind one guard, as {@code kwam check} ran it: per bit (one stripe), on the
 * named fleet shape, with the replicate block's codec. All figures are MODELED.
 *
 * @param fleetShapeName where the domain counts came from, e.g. {@code std/faultdomains h100}
 * @param dominantTerm   the loss trigger contributing most, e.g. {@code az}
 * @param chunkAvgBytes  the replicate block's average chunk (one stripe per chunk), for scaling to whole objects
 * @param exhaustedLevel the largest anti-affinity level with more than one fragment per domain, or "" when none
 * @param replicate      the replicate block this math covers, or the list of blocks sharing its codec,
 *                       anti-affinity and chunk size (they share one check), e.g. {@code a, b and 3 more}
 */
public record GuardMath(String fleetShapeName, FleetShape fleetShape, CodecSpec codec, DurabilityInputs inputs, DurabilityEstimate estimate,
                        String dominantTerm, String exhaustedLevel, int targetNines, String replicate, long chunkAvgBytes) {

    public boolean backed() {
        return estimate.meets(targetNines);
    }
}
