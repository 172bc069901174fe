package dev.kwam.codec.rs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.codec.gf.GfKernels;
import dev.kwam.codec.gf.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Parity checking, argument validation, repair sources, decoder caching and thread safety. */
class ReedSolomonContractTest {

    private static final GfKernels SCALAR = KnownAnswerVectorsTest.bothKernels().get(0);
    private static final GfKernels VECTOR = KnownAnswerVectorsTest.bothKernels().get(1);

    @Property(tries = 150)
    void isParityCorrectDetectsAFlippedByteInAnyShard(
            @ForAll @IntRange(min = 1, max = 16) int k, @ForAll @IntRange(min = 1, max = 6) int m,
            @ForAll @IntRange(min = 1, max = 260) int shardSize, @ForAll @IntRange(max = 21) int shardWish,
            @ForAll @IntRange(max = 259) int byteWish, @ForAll @IntRange(min = 1, max = 255) int flip,
            @ForAll boolean vector, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.create(k, m, vector ? VECTOR : SCALAR);
        byte[][] shards = Stripes.encoded(rs, shardSize, seed);
        assertTrue(rs.isParityCorrect(shards, 0, shardSize));

        shards[shardWish % (k + m)][byteWish % shardSize] ^= (byte) flip;

        assertFalse(rs.isParityCorrect(shards, 0, shardSize));
    }

    @Test
    void flippedByteOutsideTheCheckedRangeIsNotSeen() {
        ReedSolomon rs = ReedSolomon.create(6, 3, VECTOR);
        byte[][] shards = Stripes.encoded(rs, 300, 3);

        shards[7][299] ^= 1;

        assertTrue(rs.isParityCorrect(shards, 0, 299));
        assertFalse(rs.isParityCorrect(shards, 0, 300));
    }

    @Test
    void encodingMatrixIsSystematicVandermondeTimesInverseTop() {
        ReedSolomon rs = ReedSolomon.create(4, 2);
        Matrix vandermonde = Matrix.vandermonde(6, 4);

        assertEquals(vandermonde.times(vandermonde.submatrix(0, 0, 4, 4).invert()), rs.matrix());
        assertEquals(Matrix.identity(4), rs.matrix().submatrix(0, 0, 4, 4));
        assertEquals(new CodecSpec.ReedSolomonSpec(4, 2), rs.spec());
    }

    @Test
    void invalidShapesAndArgumentsAreRefusedWithReasons() {
        ReedSolomon rs = ReedSolomon.create(4, 2);

        assertMessage("at most 256", () -> ReedSolomon.create(250, 7));
        assertMessage("at least 1", () -> ReedSolomon.create(0, 2));
        assertMessage("expected 6 shards, got 5", () -> rs.encodeParity(new byte[5][10], 0, 10));
        assertMessage("shard 3 has 9 bytes", () -> rs.encodeParity(
                new byte[][] {new byte[10], new byte[10], new byte[10], new byte[9], new byte[10], new byte[10]},
                0, 9));
        assertMessage("shard 4 is null", () -> rs.encodeParity(
                new byte[][] {new byte[10], new byte[10], new byte[10], new byte[10], null, new byte[10]}, 0, 9));
        assertMessage("offset=5 byteCount=6", () -> rs.encodeParity(new byte[6][10], 5, 6));
        assertMessage("offset=-1", () -> rs.isParityCorrect(new byte[6][10], -1, 2));
        assertMessage("expected 6 presence flags, got 4",
                () -> rs.decodeMissing(new byte[6][10], new boolean[4], 0, 10));
    }

    @Test
    void repairSourcesAreTheFirstKPresentShardsOtherThanTheTarget() {
        ReedSolomon rs = ReedSolomon.create(4, 2);
        boolean[] present = {true, false, true, true, true, true};

        assertArrayEquals(new int[] {0, 2, 3, 4}, rs.repairSources(1, present));
        assertArrayEquals(new int[] {0, 2, 3, 5}, rs.repairSources(4, present));
        assertThrows(UnrecoverableStripeException.class,
                () -> rs.repairSources(1, new boolean[] {true, false, true, false, true, false}));
        assertThrows(IllegalArgumentException.class, () -> rs.repairSources(6, present));
    }

    @Test
    void repeatedReconstructOfOnePatternBuildsOneDecoderAndTheCacheStaysBounded() {
        ReedSolomon rs = ReedSolomon.create(10, 4);
        byte[][] original = Stripes.encoded(rs, 128, 1);
        boolean[] present = {true, false, true, true, true, true, true, false, true, true, true, true, true, true};

        for (int i = 0; i < 5; i++) {
            byte[][] shards = Stripes.copy(original);
            rs.reconstruct(shards, present, 0, 128);
            assertArrayEquals(original, shards);
        }
        assertEquals(1, rs.cachedDecoders());

        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            rs.reconstruct(Stripes.copy(original), Stripes.presentWithLosses(14, 1 + random.nextInt(4), random), 0,
                    128);
        }
        assertTrue(rs.cachedDecoders() <= ReedSolomon.DECODER_CACHE_CAPACITY, "cached " + rs.cachedDecoders());
    }

    @Test
    void concurrentEncodesAndDecodesOnOneInstanceAllSucceed() throws Exception {
        ReedSolomon rs = ReedSolomon.create(10, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                runs.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 40; i++) {
                        byte[][] original = Stripes.encoded(rs, 1000 + i, seed * 100 + i);
                        boolean[] present = Stripes.presentWithLosses(14, 1 + random.nextInt(4), random);
                        byte[][] shards = Stripes.copy(original);
                        Stripes.wipeMissing(shards, present);
                        rs.decodeMissing(shards, present, 0, shards[0].length);
                        assertArrayEquals(original, shards);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
