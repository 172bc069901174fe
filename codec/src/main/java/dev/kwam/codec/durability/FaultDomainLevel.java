package dev.kwam.codec.durability;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * One level of the fault-domain hierarchy (rack, pdu, spine, az) as the durability model sees it.
 *
 * <p>Every domain of the level fails on its own, with mean up time {@code mtbf}, and a failure takes
 * all of the stripe's fragments inside that domain out for {@code recovery} (the time until they are
 * readable again, whether the domain returns or its fragments are rebuilt elsewhere).
 *
 * <p>{@code fragmentsPerDomain} is what the placement puts in one domain of this level: 1 while
 * anti-affinity holds (the level has at least as many domains as the stripe has fragments), more once
 * the level's domains are exhausted. The model fills domains that many fragments at a time, which is at
 * least as concentrated as the placer's balanced fill (14 fragments at 4 per domain: 4,4,4,2 rather
 * than 4,4,3,3), so an exhausted level is never credited with more spread than it has.
 */
public record FaultDomainLevel(String name, Duration mtbf, Duration recovery, int fragmentsPerDomain) {

    public FaultDomainLevel {
        Objects.requireNonNull(name, "fault-domain level name");
        Objects.requireNonNull(mtbf, "fault-domain level mtbf");
        Objects.requireNonNull(recovery, "fault-domain level recovery");
        if (name.isBlank()) {
            throw new IllegalArgumentException("fault-domain level: the name is blank (hint: rack, pdu, spine, az)");
        }
        DurabilityInputs.requirePositive("domain_mtbf of level '" + name + "'", mtbf);
        DurabilityInputs.requirePositive("recovery_time of level '" + name + "'", recovery);
        if (fragmentsPerDomain < 1) {
            throw new IllegalArgumentException("fault-domain level '" + name + "': fragments per domain must be at least 1, got "
                    + fragmentsPerDomain + " (hint: 1 when anti-affinity holds)");
        }
    }

    /** A level where anti-affinity holds: no two fragments of a stripe share a domain. */
    public static FaultDomainLevel antiAffine(String name, Duration mtbf, Duration recovery) {
        return new FaultDomainLevel(name, mtbf, recovery, 1);
    }

    /**
     * A level with {@code domainsAvailable} domains in the fleet: the stripe's fragments share domains
     * once there are fewer domains than fragments (14 fragments over 3 azs: 5 per az).
     */
    public static FaultDomainLevel across(String name, Duration mtbf, Duration recovery, int domainsAvailable,
            CodecSpec codec) {
        return new FaultDomainLevel(name, mtbf, recovery, fragmentsPerDomain(codec.totalCount(), domainsAvailable));
    }

    /** The most fragments of an {@code stripeWidth}-fragment stripe that one of {@code domainsAvailable} domains must hold. */
    public static int fragmentsPerDomain(int stripeWidth, int domainsAvailable) {
        if (stripeWidth < 1) {
            throw new IllegalArgumentException("stripe width must be at least 1, got " + stripeWidth);
        }
        if (domainsAvailable < 1) {
            throw new IllegalArgumentException("a fault-domain level needs at least 1 domain, got " + domainsAvailable);
        }
        return (stripeWidth + domainsAvailable - 1) / domainsAvailable;
    }
}
