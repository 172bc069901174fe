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
    void printsTourFigures() {
        System.out.println(DurabilityModel.annualLossProbability(RS_10_4, tour()));
        for (int azs : new int[] {14, 7, 5, 4, 3}) {
            System.out.println(azs + " azs: " + DurabilityModel.annualLossProbability(RS_10_4, tourWithAzs(azs)));
        }
        for (long s : new long[] {1, 1024, 4096, 1 << 20}) {
            System.out.println(s + " stripes: " + DurabilityModel.annualLossProbability(RS_10_4, tour().withStripesPerObject(s)));
        }
    }
}
