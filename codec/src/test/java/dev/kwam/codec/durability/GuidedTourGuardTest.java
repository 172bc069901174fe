package dev.kwam.codec.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guided tour's guard, checked the way {@code kwam check} checks it: per bit (one stripe), on the
 * H100 campus {@code use fd.h100} declares. See docs/durability.md, "The guided tour".
 */
class GuidedTourGuardTest {
    private static final CodecSpec RS_10_4 = new CodecSpec.ReedSolomonSpec(10, 4);
    private static final List<String> ANTI_AFFINITY = List.of("rack", "pdu", "spine", "az");

    private static DurabilityEstimate tourOn(FleetShape shape) {
        return DurabilityModel.annualLossProbability(RS_10_4, DurabilityInputs.forGuard(Duration.ofHours(35_000),
                Duration.ofMinutes(30), Duration.ofHours(500_000), Duration.ofHours(6), ANTI_AFFINITY, shape, RS_10_4));
    }

    @Test
    void tourIsAcceptedAtSixNinesAndRefusedAtElevenOnTheH100Campus() {
        DurabilityEstimate e = tourOn(FleetShape.H100_CAMPUS);

        assertEquals(7, e.nines(), e.toString());
        assertEquals(1.39e-8, e.probability(), 0.01e-8);
        assertTrue(e.meets(6));
        assertFalse(e.meets(11));
    }

    @Test
    void itIsTheCorrelatedAzLossThatRefusesElevenNines() {
        DurabilityEstimate e = tourOn(FleetShape.H100_CAMPUS);

        assertTrue(e.independentOnlyProbability() < 1e-15, "independent node math alone: " + e);
        assertTrue(e.correlatedProbability() > 0.999 * e.probability(), e.toString());
        DurabilityEstimate azPerFragment = tourOn(new FleetShape(Map.of("rack", 1024, "pdu", 256, "spine", 32, "az", 14)));
        assertTrue(azPerFragment.meets(11), "with 14 azs the az outage is one slow repair: " + azPerFragment);
    }

    @Test
    void aLevelTheFleetDoesNotCountIsRefusedNotAssumedWide() {
        FleetShape noAz = new FleetShape(Map.of("rack", 1024, "pdu", 256, "spine", 32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tourOn(noAz));
        assertTrue(e.getMessage().contains("'az'"), e.getMessage());
    }
}
