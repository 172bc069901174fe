package dev.kwam.codec.rs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.codec.gf.GfKernels;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Any k of k+m shards rebuild the stripe; fewer are refused without writing. */
class ReedSolomonRecoveryTest {

    private static final GfKernels SCALAR = KnownAnswerVectorsTest.bothKernels().get(0);
    private static final GfKernels VECTOR = KnownAnswerVectorsTest.bothKernels().get(1);

    @ParameterizedTest(name = "rs({0},{1}) shard size {2}")
    @CsvSource({"4,2,100", "5,3,67", "3,3,129", "1,1,5", "2,5,64"})
    void everySubsetOfShardsRecoversOrIsRefusedExhaustively(int k, int m, int shardSize) {
        for (GfKernels kernels : new GfKernels[] {SCALAR, VECTOR}) {
            ReedSolomon rs = ReedSolomon.create(k, m, kernels);
            byte[][] original = Stripes.encoded(rs, shardSize, 7L * k + m);
            for (long mask = 0; mask < 1L << (k + m); mask++) {
                boolean[] present = Stripes.presentFromMask(mask, k + m);
                byte[][] shards = Stripes.copy(original);
                Stripes.wipeMissing(shards, present);

                if (Long.bitCount(mask) >= k) {
                    rs.decodeMissing(shards, present, 0, shardSize);
                    assertArrayEquals(original, shards, rs + " present mask " + Long.toBinaryString(mask));
                } else {
                    byte[][] before = Stripes.copy(shards);
                    assertThrows(UnrecoverableStripeException.class,
                            () -> rs.decodeMissing(shards, present, 0, shardSize));
                    assertArrayEquals(before, shards, "refused decode must not write");
                }
            }
        }
    }

    @Property(tries = 150)
    void anyKOfRandomShapeRecoversTheExactBytes(
            @ForAll @IntRange(min = 1, max = 20) int k, @ForAll @IntRange(min = 1, max = 8) int m,
            @ForAll @IntRange(max = 300) int shardSize, @ForAll @IntRange(max = 8) int lostWish,
            @ForAll boolean vector, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.create(k, m, vector ? VECTOR : SCALAR);
        Random random = new Random(seed);
        byte[][] original = Stripes.encoded(rs, shardSize, seed);
        boolean[] present = Stripes.presentWithLosses(k + m, Math.min(lostWish, m), random);
        byte[][] shards = Stripes.copy(original);
        Stripes.wipeMissing(shards, present);

        rs.reconstruct(shards, present, 0, shardSize);

        assertArrayEquals(original, shards);
    }

    @Property(tries = 40)
    void rebuildsOnlyTheRequestedRangeInsideLargerShards(
            @ForAll @IntRange(min = 2, max = 12) int k, @ForAll @IntRange(min = 1, max = 5) int m,
            @ForAll @IntRange(max = 200) int offset, @ForAll @IntRange(max = 400) int byteCount,
            @ForAll boolean vector, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.create(k, m, vector ? VECTOR : SCALAR);
        int shardSize = offset + byteCount + 30;
        byte[][] original = Stripes.encoded(rs, shardSize, seed);
        boolean[] present = Stripes.presentWithLosses(k + m, m, new Random(seed));
        byte[][] shards = Stripes.copy(original);
        Stripes.wipeMissing(shards, present);

        rs.decodeMissing(shards, present, offset, byteCount);

        for (int s = 0; s < k + m; s++) {
            for (int b = 0; b < shardSize; b++) {
                boolean inRange = b >= offset && b < offset + byteCount;
                byte expected = present[s] || inRange ? original[s][b] : (byte) 0xA5;
                assertEquals(expected, shards[s][b], "shard " + s + " byte " + b);
            }
        }
    }

    @Property(tries = 100)
    void fewerThanKShardsAreRefusedAndLeftUntouched(
            @ForAll @IntRange(min = 1, max = 20) int k, @ForAll @IntRange(min = 1, max = 8) int m,
            @ForAll @IntRange(min = 1, max = 20) int extraLoss, @ForAll boolean vector, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.create(k, m, vector ? VECTOR : SCALAR);
        int lost = Math.min(k + m, m + extraLoss);
        boolean[] present = Stripes.presentWithLosses(k + m, lost, new Random(seed));
        byte[][] shards = Stripes.encoded(rs, 50, seed);
        Stripes.wipeMissing(shards, present);
        byte[][] before = Stripes.copy(shards);

        UnrecoverableStripeException refused = assertThrows(UnrecoverableStripeException.class,
                () -> rs.decodeMissing(shards, present, 0, 50));

        int presentCount = k + m - lost;
        assertTrue(refused.getMessage().contains(presentCount + " shards present"), refused.getMessage());
        assertTrue(refused.getMessage().contains(k + " needed"), refused.getMessage());
        assertArrayEquals(before, shards);
        assertEquals(false, rs.isRecoverable(present));
    }

    @ParameterizedTest(name = "rs({0},{1}) losing {2}")
    @CsvSource({"20,8,8", "17,3,3", "200,56,56", "128,128,128", "255,1,1"})
    void largeShapesRecoverFromSampledMaximalLosses(int k, int m, int losses) {
        for (GfKernels kernels : new GfKernels[] {SCALAR, VECTOR}) {
            ReedSolomon rs = ReedSolomon.create(k, m, kernels);
            byte[][] original = Stripes.encoded(rs, 97, k * 31L + m);
            Random random = new Random(k + m);
            for (int sample = 0; sample < 3; sample++) {
                boolean[] present = Stripes.presentWithLosses(k + m, losses, random);
                byte[][] shards = Stripes.copy(original);
                Stripes.wipeMissing(shards, present);

                rs.decodeMissing(shards, present, 0, 97);

                assertArrayEquals(original, shards, rs + " sample " + sample);
            }
        }
    }
}
