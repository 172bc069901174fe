package dev.kwam.codec.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetSimulationTest {
    private static final CodecSpec RS_2_1 = CodecSpec.parse("rs(2,1)");
    private static final CodecSpec RS_4_2 = CodecSpec.parse("rs(4,2)");

    /** Failures frequent enough to count: nodes fail every 200 h and stay out 10 h; racks every 2,000 h for 20 h. */
    private static FleetSimulation.Fleet frequent(CodecSpec codec, int nodes, double years) {
        return new FleetSimulation.Fleet(nodes, 10, codec, 1_000_000, Duration.ofHours(200), Duration.ofHours(10),
                Duration.ofHours(2_000), Duration.ofHours(20), years);
    }

    private static DurabilityEstimate closedForm(FleetSimulation.Fleet f) {
        return DurabilityModel.annualLossProbability(f.codec(), DurabilityInputs.of(f.nodeMtbf(), f.nodeMttr(),
                List.of(FaultDomainLevel.antiAffine("rack", f.rackMtbf(), f.rackRecovery()))));
    }

    @Test
    void theSimulatedLossRateAgreesWithTheClosedFormWithinItsInterval() {
        for (FleetSimulation.Fleet fleet : List.of(frequent(RS_2_1, 200, 300), frequent(RS_4_2, 400, 300))) {
            FleetSimulation.Result r = FleetSimulation.run(fleet, 42);
            double expected = closedForm(fleet).stripeLossesPerYear();

            assertTrue(r.intervalContains(expected), fleet.codec() + ": simulated " + r.perStripeYear() + " per stripe-year ["
                    + r.low() / fleet.stripes() + ", " + r.high() / fleet.stripes() + "], closed form " + expected);
            assertTrue(r.high() - r.low() < 0.2 * r.lossesPerYear(), "an interval narrow enough to mean something: " + r);
        }
    }

    @Test
    void theSameSeedGivesTheSameFleetAndAnotherSeedAnotherOne() {
        FleetSimulation.Fleet fleet = frequent(RS_2_1, 200, 20);

        FleetSimulation.Result a = FleetSimulation.run(fleet, 7);
        FleetSimulation.Result b = FleetSimulation.run(fleet, 7);
        FleetSimulation.Result c = FleetSimulation.run(fleet, 8);

        assertEquals(a.lossesPerYear(), b.lossesPerYear());
        assertEquals(a.nodeFailures(), b.nodeFailures());
        assertTrue(a.nodeFailures() != c.nodeFailures() || a.lossesPerYear() != c.lossesPerYear());
    }

    @Test
    void failuresArriveAtTheMtbf() {
        // 200 nodes failing every 200 h (while up, out 10 h) over 20 years: about 200 × 8766 × 20 / 210 = 167,000.
        FleetSimulation.Result r = FleetSimulation.run(frequent(RS_2_1, 200, 20), 1);

        assertEquals(200 * 8766.0 * 20 / 210, r.nodeFailures(), 0.02 * r.nodeFailures());
        assertEquals(20 * 8766.0 * 20 / 2_020, r.rackFailures(), 0.1 * r.rackFailures());
    }

    @Test
    void aFleetWithFewerRacksThanAStripeHasFragmentsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frequent(RS_4_2, 50, 1));
        assertTrue(e.getMessage().contains("rs(4,2) needs 6 racks"), e.getMessage());
    }
}
