package dev.kwam.codec.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec.ReedSolomonSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DurabilityInputsTest {

    static final Duration MTBF = Duration.ofHours(35_000);
    static final Duration MTTR = Duration.ofMinutes(30);
    static final Duration DOMAIN_MTBF = Duration.ofHours(500_000);
    static final Duration RECOVERY = Duration.ofHours(6);

    static void refuses(Executable build, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expectedInMessage), "message was: " + e.getMessage());
    }

    @Test
    void refusesNonPositiveDurations() {
        refuses(() -> DurabilityInputs.of(Duration.ZERO, MTTR, List.of()), "node_mtbf must be positive");
        refuses(() -> DurabilityInputs.of(MTBF, Duration.ofMinutes(-5), List.of()), "mttr_restore must be positive");
        refuses(() -> DurabilityInputs.of(MTBF, MTTR, List.of()).withMissionTime(Duration.ZERO), "mission time must be positive");
        refuses(() -> FaultDomainLevel.antiAffine("rack", Duration.ZERO, RECOVERY), "domain_mtbf of level 'rack'");
        refuses(() -> FaultDomainLevel.antiAffine("az", DOMAIN_MTBF, Duration.ZERO), "recovery_time of level 'az'");
    }

    @Test
    void refusesRepairsAsLongAsTheUpTime() {
        refuses(() -> DurabilityInputs.of(Duration.ofHours(10), Duration.ofHours(10), List.of()), "not shorter than its MTBF");
        refuses(() -> DurabilityInputs.of(MTBF, MTTR, List.of(FaultDomainLevel.antiAffine("az", RECOVERY, DOMAIN_MTBF))),
                "fault-domain level 'az'");
    }

    @Test
    void refusesObjectsWithoutStripes() {
        refuses(() -> DurabilityInputs.of(MTBF, MTTR, List.of()).withStripesPerObject(0), "at least 1 stripe");
    }

    @Test
    void refusesMalformedLevels() {
        refuses(() -> FaultDomainLevel.antiAffine(" ", DOMAIN_MTBF, RECOVERY), "name is blank");
        refuses(() -> new FaultDomainLevel("rack", DOMAIN_MTBF, RECOVERY, 0), "at least 1");
        refuses(() -> DurabilityInputs.forGuard(MTBF, MTTR, DOMAIN_MTBF, RECOVERY, List.of("rack", "az", "rack")),
                "'rack' is listed twice");
    }

    @Test
    void refusesALargerLevelHoldingFewerFragmentsThanASmallerOne() {
        refuses(() -> DurabilityInputs.of(MTBF, MTTR, List.of(
                        new FaultDomainLevel("az", DOMAIN_MTBF, RECOVERY, 5),
                        FaultDomainLevel.antiAffine("rack", DOMAIN_MTBF, RECOVERY))),
                "list levels smallest first");
    }

    @Test
    void refusesMissingValues() {
        assertThrows(NullPointerException.class, () -> DurabilityInputs.of(null, MTTR, List.of()));
        assertThrows(NullPointerException.class, () -> DurabilityModel.annualLossProbability(null, DurabilityInputs.of(MTBF, MTTR, List.of())));
    }

    @Test
    void anExhaustedLevelSharesDomains() {
        assertEquals(5, FaultDomainLevel.fragmentsPerDomain(14, 3));
        assertEquals(2, FaultDomainLevel.fragmentsPerDomain(14, 7));
        assertEquals(1, FaultDomainLevel.fragmentsPerDomain(14, 14));
        assertEquals(1, FaultDomainLevel.fragmentsPerDomain(14, 1000));
        assertEquals(14, FaultDomainLevel.fragmentsPerDomain(14, 1));
        assertEquals(4, FaultDomainLevel.across("az", DOMAIN_MTBF, RECOVERY, 4, new ReedSolomonSpec(10, 4)).fragmentsPerDomain());
        refuses(() -> FaultDomainLevel.fragmentsPerDomain(14, 0), "at least 1 domain");
    }

    @Test
    void theGuardFormHasOneAntiAffineLevelPerListedDomain() {
        DurabilityInputs guard = DurabilityInputs.forGuard(MTBF, MTTR, DOMAIN_MTBF, RECOVERY, List.of("rack", "pdu", "spine", "az"));

        assertEquals(List.of("rack", "pdu", "spine", "az"), guard.domainLevels().stream().map(FaultDomainLevel::name).toList());
        assertTrue(guard.domainLevels().stream().allMatch(l -> l.fragmentsPerDomain() == 1));
        assertEquals(1, guard.stripesPerObject());
        assertEquals(Duration.ofHours(8766), guard.missionTime());
    }
}
