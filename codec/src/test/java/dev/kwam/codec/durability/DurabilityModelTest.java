package dev.kwam.codec.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.CodecSpec.ReedSolomonSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurabilityModelTest {

    static final CodecSpec RS_10_4 = new ReedSolomonSpec(10, 4);
    static final Duration NODE_MTBF = Duration.ofHours(35_000);
    static final Duration MTTR = Duration.ofMinutes(30);
    static final Duration DOMAIN_MTBF = Duration.ofHours(500_000);
    static final Duration RECOVERY = Duration.ofHours(6);
    static final List<String> ANTI_AFFINITY = List.of("rack", "pdu", "spine", "az");

    /** The guided tour's guard and replicate blocks, read with anti-affinity holding at every level. */
    static DurabilityInputs tour() {
        return DurabilityInputs.forGuard(NODE_MTBF, MTTR, DOMAIN_MTBF, RECOVERY, ANTI_AFFINITY);
    }

    /** The tour with its az level exhausted: the fleet has {@code azs} zones for 14 fragments. */
    static DurabilityInputs tourWithAzs(int azs) {
        FaultDomainLevel az = FaultDomainLevel.across("az", DOMAIN_MTBF, RECOVERY, azs, RS_10_4);
        return tour().withDomainLevels(List.of(
                FaultDomainLevel.antiAffine("rack", DOMAIN_MTBF, RECOVERY),
                FaultDomainLevel.antiAffine("pdu", DOMAIN_MTBF, RECOVERY),
                FaultDomainLevel.antiAffine("spine", DOMAIN_MTBF, RECOVERY),
                az));
    }

    @Test
    void tourInputsCertifySixNines() {
        DurabilityEstimate tour = DurabilityModel.annualLossProbability(RS_10_4, tour());

        assertTrue(tour.meets(6), tour.toString());
        assertTrue(tour.probability() <= 1e-6);
    }

    /**
     * The tour's figures as the model gives them, read with anti-affinity holding at all four levels (14
     * distinct racks, pdus, spines and azs) and one stripe per object: 13 nines. That would certify 11
     * nines; see docs/durability.md, "The guided tour", for why and for what refuses 11.
     */
    @Test
    void tourInputsWithFullAntiAffinityGiveThirteenNinesForOneStripe() {
        DurabilityEstimate tour = DurabilityModel.annualLossProbability(RS_10_4, tour());

        assertEquals(4.826e-14, tour.probability(), 0.001e-14);
        assertEquals(13, tour.nines());
        assertEquals(1.044e-16, tour.independentOnlyProbability(), 0.001e-16);
        assertEquals(15, DurabilityEstimate.ninesOf(tour.independentOnlyProbability()));
        assertTrue(tour.correlatedProbability() > 0.99 * tour.probability(), "domain loss is the risk: " + tour);
        assertEquals(List.of("node", "rack", "pdu", "spine", "az"),
                tour.terms().stream().map(DurabilityEstimate.LossTerm::trigger).toList());
    }

    @Test
    void elevenNinesIsRefusedOnceTheAzLevelRunsOutOfZones() {
        DurabilityEstimate sevenAzs = DurabilityModel.annualLossProbability(RS_10_4, tourWithAzs(7));

        assertEquals(2, tourWithAzs(7).domainLevels().get(3).fragmentsPerDomain());
        assertEquals(1.391e-8, sevenAzs.probability(), 0.001e-8);
        assertTrue(sevenAzs.meets(6));
        assertFalse(sevenAzs.meets(11));
    }

    @Test
    void threeAzsCannotCarryRsTenFourAtAll() {
        DurabilityEstimate threeAzs = DurabilityModel.annualLossProbability(RS_10_4, tourWithAzs(3));

        // 14 fragments over 3 zones: 5,5,4. Losing either zone of 5 exceeds the 4 parities outright.
        assertEquals(5, tourWithAzs(3).domainLevels().get(3).fragmentsPerDomain());
        assertEquals(1, threeAzs.nines());
        DurabilityEstimate.LossTerm az = threeAzs.terms().get(4);
        assertEquals("az", az.trigger());
        assertTrue(az.probability() > 0.99 * threeAzs.probability(), threeAzs.toString());
        // Two fatal zones, each failing once per 500,006 hours on average, over 8766 hours.
        assertEquals(2 * 8766.0 / 500_006, threeAzs.stripeLossesPerYear(), 0.001);
    }

    @Test
    void aGigabyteObjectOnTheTourIsRefusedAtElevenNines() {
        // 1024 stripes: a 1 GiB object at the tour chunker's 1 MB average.
        DurabilityEstimate gigabyte = DurabilityModel.annualLossProbability(RS_10_4, tour().withStripesPerObject(1024));

        assertEquals(10, gigabyte.nines());
        assertTrue(gigabyte.meets(6));
        assertFalse(gigabyte.meets(11));
    }

    @Test
    void underFullAntiAffinityElevenNinesIsRefusedFromTwoHundredEightStripes() {
        assertTrue(DurabilityModel.annualLossProbability(RS_10_4, tour().withStripesPerObject(207)).meets(11));
        assertFalse(DurabilityModel.annualLossProbability(RS_10_4, tour().withStripesPerObject(208)).meets(11));
    }

    /**
     * Without domains the model is the textbook birth-death chain with parallel repair: the stationary
     * flow from t to t+1 failed fragments, C(n,t) q^t (1-q)^(n-t) (n-t) λ, and for μ >> λ the classical
     * 1/MTTDL = n!/(t! (n-t-1)!) λ^(t+1) / μ^t.
     */
    @Test
    void withoutDomainsItIsTheBirthDeathChain() {
        double lambda = 1 / 35_000.0;
        double mttr = 0.5;
        double q = mttr / (35_000 + mttr);
        int n = 14;
        int t = 4;
        double flow = 1001 * Math.pow(q, t) * Math.pow(1 - q, n - t) * (n - t) * lambda;
        double classical = 240_240.0 / 24 * Math.pow(lambda, t + 1) * Math.pow(mttr, t);

        DurabilityEstimate nodesOnly = DurabilityModel.annualLossProbability(RS_10_4, DurabilityInputs.of(NODE_MTBF, MTTR, List.of()));

        assertEquals(flow * 8766, nodesOnly.stripeLossesPerYear(), 1e-12 * flow * 8766);
        assertEquals(classical * 8766, nodesOnly.stripeLossesPerYear(), 1e-3 * classical * 8766);
        assertEquals(nodesOnly.probability(), DurabilityModel.annualLossProbability(RS_10_4, tour()).independentOnlyProbability());
    }

    @Test
    void lrcIsCreditedWithItsGuaranteedToleranceOnly() {
        // lrc(12,2,2): 16 fragments, any 3 losses survive; modelled exactly like rs(13,3).
        DurabilityEstimate lrc = DurabilityModel.annualLossProbability(new LrcSpec(12, 2, 2), tour());
        DurabilityEstimate rs = DurabilityModel.annualLossProbability(new ReedSolomonSpec(13, 3), tour());

        assertEquals(rs.probability(), lrc.probability());
        assertTrue(lrc.probability() > DurabilityModel.annualLossProbability(RS_10_4, tour()).probability());
    }

    @Test
    void anObjectIsLostIfAnyOfItsStripesIs() {
        DurabilityEstimate one = DurabilityModel.annualLossProbability(RS_10_4, tourWithAzs(5));
        DurabilityEstimate hundred = DurabilityModel.annualLossProbability(RS_10_4, tourWithAzs(5).withStripesPerObject(100));

        assertEquals(one.stripeProbability(), hundred.stripeProbability());
        assertEquals(1 - Math.pow(1 - one.probability(), 100), hundred.probability(), 1e-6 * hundred.probability());
    }

    @Test
    void twoYearsCostAboutTwiceOne() {
        DurabilityEstimate oneYear = DurabilityModel.annualLossProbability(RS_10_4, tourWithAzs(7));
        DurabilityEstimate twoYears = DurabilityModel.annualLossProbability(RS_10_4,
                tourWithAzs(7).withMissionTime(DurabilityInputs.ONE_YEAR.multipliedBy(2)));

        // Not exactly twice: the chance of being mid-loss at the start (π) does not grow with the mission.
        assertEquals(2 * oneYear.probability(), twoYears.probability(), 1e-3 * twoYears.probability());
    }

    @Test
    void termsSplitTheObjectProbability() {
        for (DurabilityInputs inputs : List.of(tour(), tourWithAzs(7), tourWithAzs(3), tour().withStripesPerObject(4096))) {
            DurabilityEstimate e = DurabilityModel.annualLossProbability(RS_10_4, inputs);
            double sum = e.terms().stream().mapToDouble(DurabilityEstimate.LossTerm::probability).sum();
            assertEquals(e.probability(), sum, 1e-9 * e.probability(), e.toString());
        }
    }

    @Test
    void neverClaimsMoreThanThirtyNines() {
        // 200 parities: the true figure underflows a double; the model reports its floor instead of 0.
        DurabilityEstimate absurd = DurabilityModel.annualLossProbability(new ReedSolomonSpec(10, 200), tour());

        assertTrue(absurd.atFloor());
        assertEquals(DurabilityEstimate.FLOOR, absurd.probability());
        assertEquals(DurabilityEstimate.MAX_NINES, absurd.nines());
        assertFalse(DurabilityModel.annualLossProbability(RS_10_4, tour()).atFloor());
    }

    @Test
    void ninesAreTheFloorOfMinusLogTen() {
        assertEquals(6, DurabilityEstimate.ninesOf(1e-6));
        assertEquals(5, DurabilityEstimate.ninesOf(1.0000001e-6));
        assertEquals(6, DurabilityEstimate.ninesOf(9.99e-7));
        assertEquals(0, DurabilityEstimate.ninesOf(1.0));
        assertEquals(0, DurabilityEstimate.ninesOf(0.2));
    }
}
