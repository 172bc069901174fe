package dev.kwam.codec.durability;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the durability model needs besides the stripe geometry: the audited MTBF inputs of a
 * {@code guard} block, the fault-domain levels of a {@code replicate} block's anti-affinity list (smallest
 * first, as written: {@code [rack, pdu, spine, az]}), the object size in stripes and the mission time.
 *
 * <p>{@code nodeMtbf} is the mean up time of the node holding one fragment; {@code nodeMttr} the time to
 * restore that one fragment after an independent single-node loss (the guard's {@code mttr_restore}).
 * Each failed fragment is restored on its own clock (parallel repair).
 */
public record DurabilityInputs(Duration nodeMtbf, Duration nodeMttr, List<FaultDomainLevel> domainLevels,
        long stripesPerObject, Duration missionTime) {

    /** The mission the nines are quoted over: a Julian year, 8766 hours. */
    public static final Duration ONE_YEAR = Duration.ofHours(8766);

    public DurabilityInputs {
        Objects.requireNonNull(nodeMtbf, "nodeMtbf");
        Objects.requireNonNull(nodeMttr, "nodeMttr");
        Objects.requireNonNull(domainLevels, "domainLevels");
        Objects.requireNonNull(missionTime, "missionTime");
        domainLevels = List.copyOf(domainLevels);
        requirePositive("node_mtbf", nodeMtbf);
        requirePositive("mttr_restore", nodeMttr);
        requirePositive("mission time", missionTime);
        requireMostlyUp("node", nodeMtbf, nodeMttr);
        if (stripesPerObject < 1) {
            throw new IllegalArgumentException("an object has at least 1 stripe, got " + stripesPerObject);
        }
        Set<String> seen = new HashSet<>();
        FaultDomainLevel smaller = null;
        for (FaultDomainLevel level : domainLevels) {
            if (!seen.add(level.name())) {
                throw new IllegalArgumentException("fault-domain level '" + level.name()
                        + "' is listed twice (hint: each anti_affinity level once)");
            }
            requireMostlyUp("fault-domain level '" + level.name() + "'", level.mtbf(), level.recovery());
            // A domain contains the smaller domains listed before it, so it holds at least as many of the
            // stripe's fragments as any one of them.
            if (smaller != null && level.fragmentsPerDomain() < smaller.fragmentsPerDomain()) {
                throw new IllegalArgumentException("fault-domain level '" + level.name() + "' holds "
                        + level.fragmentsPerDomain() + " fragment(s) per domain but the smaller level '" + smaller.name()
                        + "' listed before it holds " + smaller.fragmentsPerDomain()
                        + " (hint: list levels smallest first, e.g. [rack, pdu, spine, az])");
            }
            smaller = level;
        }
    }

    /** One stripe per object, one year, the given levels. */
    public static DurabilityInputs of(Duration nodeMtbf, Duration nodeMttr, List<FaultDomainLevel> domainLevels) {
        return new DurabilityInputs(nodeMtbf, nodeMttr, domainLevels, 1, ONE_YEAR);
    }

    /**
     * The inputs a {@code guard} block states when every listed level shares one domain MTBF and one
     * recovery time and anti-affinity holds at every level (the placer's promise while each level has at
     * least as many domains as the stripe has fragments). Where the census knows a level is exhausted, build
     * the levels with {@link FaultDomainLevel#across} instead.
     */
    public static DurabilityInputs forGuard(Duration nodeMtbf, Duration mttrRestore, Duration domainMtbf,
            Duration recoveryTime, List<String> antiAffinity) {
        Objects.requireNonNull(antiAffinity, "antiAffinity");
        return of(nodeMtbf, mttrRestore, antiAffinity.stream()
                .map(name -> FaultDomainLevel.antiAffine(name, domainMtbf, recoveryTime))
                .toList());
    }

    /**
     * A guard's inputs on a fleet of known shape: each anti-affinity level holds as many fragments per
     * domain as {@code shape} forces on {@code codec}'s stripe. This is what {@code kwam check} uses.
     */
    public static DurabilityInputs forGuard(Duration nodeMtbf, Duration mttrRestore, Duration domainMtbf,
            Duration recoveryTime, List<String> antiAffinity, FleetShape shape, CodecSpec codec) {
        return of(nodeMtbf, mttrRestore, shape.levels(antiAffinity, domainMtbf, recoveryTime, codec));
    }

    public DurabilityInputs withStripesPerObject(long stripes) {
        return new DurabilityInputs(nodeMtbf, nodeMttr, domainLevels, stripes, missionTime);
    }

    public DurabilityInputs withMissionTime(Duration mission) {
        return new DurabilityInputs(nodeMtbf, nodeMttr, domainLevels, stripesPerObject, mission);
    }

    public DurabilityInputs withDomainLevels(List<FaultDomainLevel> levels) {
        return new DurabilityInputs(nodeMtbf, nodeMttr, levels, stripesPerObject, missionTime);
    }

    double missionHours() {
        return hours(missionTime);
    }

    /** Hours as a double; {@code Duration.toNanos} would overflow past 292 years. */
    static double hours(Duration d) {
        return (d.getSeconds() + d.getNano() / 1e9) / 3600.0;
    }

    static void requirePositive(String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    // The closed form counts entries into the lost state of components that are up most of the time; a
    // component down longer than it is up is outside the model (and outside any storage system worth it).
    private static void requireMostlyUp(String what, Duration mtbf, Duration repair) {
        if (repair.compareTo(mtbf) >= 0) {
            throw new IllegalArgumentException(what + ": repair/recovery time " + repair
                    + " is not shorter than its MTBF " + mtbf + " (hint: MTBF is the mean up time, e.g. 35000h; MTTR e.g. 30m)");
        }
    }
}
