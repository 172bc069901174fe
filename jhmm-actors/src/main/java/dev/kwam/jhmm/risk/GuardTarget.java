package dev.kwam.jhmm.risk;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.codec.durability.FaultDomainLevel;
import dev.kwam.dsl.policy.GuardBlock;
import dev.kwam.dsl.policy.GuardMath;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@code guard} block's audited inputs and its own durability figure, as {@code kwam check} computed it
 * ({@link GuardMath}: per bit, one stripe, one year, on the fleet shape of the policy's fault-domain map, with
 * the codec and anti-affinity of the replicate block it was checked against). The live estimate takes the
 * MTBFs and recovery time from here and replaces the placement and the MTTR with what the fleet shows.
 *
 * @param guard            the guard block's name
 * @param targetNines      its {@code durability} target
 * @param levels           the anti-affinity levels its math used (the replicate block's), smallest first
 * @param codec            the replicate block's codec its math used
 * @param replicate        the replicate block(s) it was checked against
 * @param fleetShape       where the math's domain counts came from, e.g. {@code std/faultdomains h100}
 * @param estimate         the guard's own figure (MODELED)
 * @param dominantTerm     the guard's dominant loss term as {@code kwam check} named it
 * @param onViolation      what its {@code on_violation} says, lower case: alert, refuse, quarantine or drain
 */
public record GuardTarget(String guard, int targetNines, Duration nodeMtbf, Duration domainMtbf, Duration recoveryTime,
        Duration mttrRestore, List<String> levels, CodecSpec codec, String replicate, String fleetShape,
        DurabilityEstimate estimate, String dominantTerm, String onViolation) implements KwamSerializable {
    public GuardTarget {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(nodeMtbf, "nodeMtbf");
        Objects.requireNonNull(domainMtbf, "domainMtbf");
        Objects.requireNonNull(recoveryTime, "recoveryTime");
        Objects.requireNonNull(mttrRestore, "mttrRestore");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(onViolation, "onViolation");
        levels = List.copyOf(levels);
    }

    /** The guard as the policy compiler lowered it, with the math {@code kwam check} ran for its first replicate shape. */
    public static GuardTarget of(GuardBlock guard) {
        GuardMath m = guard.math();
        return new GuardTarget(guard.name(), guard.durabilityNines(), guard.nodeMtbf(), guard.domainMtbf(), guard.recoveryTime(),
                guard.mttrRestore(), m.inputs().domainLevels().stream().map(FaultDomainLevel::name).toList(), m.codec(),
                m.replicate(), m.fleetShapeName(), m.estimate(), m.dominantTerm(),
                guard.onViolation().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The strictest of {@code guards} (highest target; the first on a tie), the one the fleet must meet. */
    public static java.util.Optional<GuardTarget> strictest(List<GuardBlock> guards) {
        GuardBlock best = null;
        for (GuardBlock g : guards) {
            if (best == null || g.durabilityNines() > best.durabilityNines()) {
                best = g;
            }
        }
        return java.util.Optional.ofNullable(best).map(GuardTarget::of);
    }
}
