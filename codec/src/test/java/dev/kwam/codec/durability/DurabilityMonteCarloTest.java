package dev.kwam.codec.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.CodecSpec.ReedSolomonSpec;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The closed form against the simulator, with failure rates inflated until a stripe-year sees losses
 * often enough to count them: node MTBF 1000 h, MTTR 50-100 h, domains failing every few thousand hours.
 */
class DurabilityMonteCarloTest {

    static final Duration NODE_MTBF = Duration.ofHours(1000);

    static Stream<Arguments> inflatedScenarios() {
        List<FaultDomainLevel> racksAndTwoAzs = List.of(
                FaultDomainLevel.antiAffine("rack", Duration.ofHours(4000), Duration.ofHours(100)),
                new FaultDomainLevel("az", Duration.ofHours(8000), Duration.ofHours(200), 3));
        return Stream.of(
                Arguments.of("rs(2,1), nodes only", new ReedSolomonSpec(2, 1),
                        DurabilityInputs.of(NODE_MTBF, Duration.ofHours(100), List.of()), 2000),
                Arguments.of("rs(4,2), nodes only", new ReedSolomonSpec(4, 2),
                        DurabilityInputs.of(NODE_MTBF, Duration.ofHours(100), List.of()), 3000),
                Arguments.of("rs(4,2), racks + 2 azs of 3", new ReedSolomonSpec(4, 2),
                        DurabilityInputs.of(NODE_MTBF, Duration.ofHours(50), racksAndTwoAzs), 3000),
                Arguments.of("lrc(4,2,1), racks of 2", new LrcSpec(4, 2, 1),
                        DurabilityInputs.of(NODE_MTBF, Duration.ofHours(100), List.of(
                                new FaultDomainLevel("rack", Duration.ofHours(5000), Duration.ofHours(150), 2))), 3000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inflatedScenarios")
    void closedFormRateLiesInsideTheSimulatorsNinetyNinePercentInterval(String name, CodecSpec codec,
            DurabilityInputs inputs, int trials) {
        DurabilityEstimate closed = DurabilityModel.annualLossProbability(codec, inputs);
        SimulatedDurability simulated = MonteCarloDurability.simulate(codec, inputs, trials, 20240611L);
        System.out.printf("%s: closed %.4f/yr p=%.4f | simulated %.4f/yr [%.4f, %.4f] over %d events, p=%.4f [%.4f, %.4f], "
                        + "first loss %.4f [%.4f, %.4f], lost fraction %.3g%n", name, closed.stripeLossesPerYear(), closed.probability(),
                simulated.stripeLossesPerYear(), simulated.stripeLossesPerYearLow(), simulated.stripeLossesPerYearHigh(),
                simulated.lossEvents(), simulated.probability(), simulated.probabilityLow(), simulated.probabilityHigh(),
                simulated.firstLossProbability(), simulated.firstLossLow(), simulated.firstLossHigh(), simulated.lostFraction());

        assertTrue(simulated.lossEvents() >= 300, "too few losses to compare: " + simulated.lossEvents());
        assertTrue(simulated.rateIntervalContains(closed.stripeLossesPerYear()),
                closed.stripeLossesPerYear() + "/yr outside [" + simulated.stripeLossesPerYearLow() + ", "
                        + simulated.stripeLossesPerYearHigh() + "]");
        assertEquals(closed.stripeLossesPerYear(), simulated.stripeLossesPerYear(), 0.15 * closed.stripeLossesPerYear());
    }

    static Stream<Arguments> moderateScenarios() {
        return Stream.of(
                Arguments.of("rs(4,2), nodes only, MTTR 10h", new ReedSolomonSpec(4, 2),
                        DurabilityInputs.of(NODE_MTBF, Duration.ofHours(10), List.of())),
                Arguments.of("rs(4,2), racks + 2 azs of 3, MTTR 10h", new ReedSolomonSpec(4, 2),
                        DurabilityInputs.of(NODE_MTBF, Duration.ofHours(10), List.of(
                                FaultDomainLevel.antiAffine("rack", Duration.ofHours(20_000), Duration.ofHours(24)),
                                new FaultDomainLevel("az", Duration.ofHours(50_000), Duration.ofHours(48), 3)))),
                Arguments.of("rs(2,1) x 4 stripes, MTTR 2h", new ReedSolomonSpec(2, 1),
                        DurabilityInputs.of(NODE_MTBF, Duration.ofHours(2), List.of()).withStripesPerObject(4)));
    }

    /**
     * Where the annual probability is far from 0 and 1, the closed form's p must sit inside the
     * simulator's interval, and the physical first-loss fraction (no re-entries counted) must not exceed
     * it by more than sampling noise: the closed form errs on the pessimistic side.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("moderateScenarios")
    void closedFormProbabilityAgreesWhereLossesAreNeitherRareNorCertain(String name, CodecSpec codec,
            DurabilityInputs inputs) {
        DurabilityEstimate closed = DurabilityModel.annualLossProbability(codec, inputs);
        SimulatedDurability simulated = MonteCarloDurability.simulate(codec, inputs, 20_000, 7L);
        System.out.printf("%s: closed %.5f/yr p=%.5f | simulated %.5f/yr [%.5f, %.5f] over %d events, p=%.5f [%.5f, %.5f], "
                        + "first loss %.5f [%.5f, %.5f]%n", name, closed.stripeLossesPerYear(), closed.probability(),
                simulated.stripeLossesPerYear(), simulated.stripeLossesPerYearLow(), simulated.stripeLossesPerYearHigh(),
                simulated.lossEvents(), simulated.probability(), simulated.probabilityLow(), simulated.probabilityHigh(),
                simulated.firstLossProbability(), simulated.firstLossLow(), simulated.firstLossHigh());

        assertTrue(simulated.lossEvents() >= 300, "too few losses to compare: " + simulated.lossEvents());
        assertTrue(closed.probability() > 0.01 && closed.probability() < 0.9, "scenario is not moderate: p=" + closed.probability());
        assertTrue(closed.probability() >= simulated.probabilityLow() && closed.probability() <= simulated.probabilityHigh(),
                "closed p=" + closed.probability() + " outside [" + simulated.probabilityLow() + ", " + simulated.probabilityHigh() + "]");
        assertEquals(closed.probability(), simulated.probability(), 0.15 * closed.probability());
        if (inputs.stripesPerObject() == 1) {
            assertTrue(closed.probability() >= simulated.firstLossLow(),
                    "closed p=" + closed.probability() + " below the first-loss interval from " + simulated.firstLossLow());
        }
    }

    @Test
    void sameSeedSameAnswer() {
        CodecSpec codec = new ReedSolomonSpec(4, 2);
        DurabilityInputs inputs = DurabilityInputs.of(NODE_MTBF, Duration.ofHours(100), List.of());
        assertEquals(MonteCarloDurability.simulate(codec, inputs, 200, 99L), MonteCarloDurability.simulate(codec, inputs, 200, 99L));
    }

    @Test
    void refusesRunsItCannotFinish() {
        CodecSpec codec = new ReedSolomonSpec(4, 2);
        DurabilityInputs inputs = DurabilityInputs.of(NODE_MTBF, Duration.ofHours(100), List.of());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> MonteCarloDurability.simulate(codec, inputs, 0, 1L));
        assertTrue(none.getMessage().contains("at least 1 trial"), none.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> MonteCarloDurability.simulate(codec, inputs, 2_000_000_000, 1L));
        assertTrue(huge.getMessage().contains("events to simulate"), huge.getMessage());
    }
}
