package dev.kwam.codec.lrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.codec.gf.GfKernels;
import dev.kwam.codec.gf.GfKernelsProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ParityAndRefusalTest {
    private static final LrcSpec LRC_12_2_2 = new LrcSpec(12, 2, 2);

    @Property(tries = 40)
    void anyCorruptedByteIsDetected(@ForAll @IntRange(max = 15) int shard, @ForAll @IntRange(max = 999) int at,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        LocalReconstructionCode code = new LocalReconstructionCode(LRC_12_2_2);
        byte[][] shards = Stripes.encoded(code, 1000, shard * 1000L + at);
        assertTrue(code.isParityCorrect(shards, 0, 1000));
        shards[shard][at] ^= (byte) flip;
        assertFalse(code.isParityCorrect(shards, 0, 1000), "flipped shard " + shard + " byte " + at);
    }

    @Test
    void localParityIsTheXorOfItsGroup() {
        LocalReconstructionCode code = new LocalReconstructionCode(new LrcSpec(6, 2, 2));
        byte[][] shards = Stripes.encoded(code, 64, 9);
        for (int b = 0; b < 64; b++) {
            assertEquals((byte) (shards[0][b] ^ shards[1][b] ^ shards[2][b]), shards[6][b]);
            assertEquals((byte) (shards[3][b] ^ shards[4][b] ^ shards[5][b]), shards[7][b]);
        }
    }

    @Test
    void refusalNamesTheMissingShardsAndWhy() {
        LocalReconstructionCode code = new LocalReconstructionCode(new LrcSpec(6, 2, 2));
        boolean[] present = {false, false, false, true, true, true, true, true, true, false};
        byte[][] shards = Stripes.encoded(code, 16, 1);
        var e = assertThrows(UnrecoverableStripeException.class, () -> code.reconstruct(shards, present, 0, 16));
        assertEquals("lrc(6,2,2): cannot rebuild shards [0 = data 0 (group 0), 1 = data 1 (group 0), "
                + "2 = data 2 (group 0), 9 = global parity 1]: lost 3 of group 0 with its local parity, "
                + "so 2 data shards need a global parity with 1 global parity left; present: [3, 4, 5, 6, 7, 8]",
                e.getMessage());
    }

    /** Both kernel implementations (when this JVM has the vector one) rebuild the same bytes. */
    @Property(tries = 30)
    void scalarAndVectorKernelsAgree(@ForAll @IntRange(max = (1 << 16) - 1) int mask,
            @ForAll @IntRange(min = 1, max = 70_000) int bytes) {
        boolean[] present = Stripes.present(mask, 16);
        List<GfKernels> kernels = new ArrayList<>(List.of(GfKernelsProvider.scalar()));
        GfKernelsProvider.vector().ifPresent(kernels::add);
        for (GfKernels k : kernels) {
            LocalReconstructionCode code = new LocalReconstructionCode(LRC_12_2_2, k);
            byte[][] original = Stripes.encoded(code, bytes, mask);
            if (!code.isRecoverable(present)) {
                return;
            }
            byte[][] shards = Stripes.copy(original);
            for (int s = 0; s < 16; s++) {
                if (!present[s]) {
                    Arrays.fill(shards[s], (byte) 0);
                }
            }
            code.reconstruct(shards, present, 0, bytes);
            assertTrue(Arrays.deepEquals(original, shards), k.name());
        }
    }

    @Test
    void concurrentReconstructionsOfManyPatternsAreExact() throws Exception {
        LocalReconstructionCode code = new LocalReconstructionCode(LRC_12_2_2);
        byte[][] original = Stripes.encoded(code, 2048, 3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int start = t;
                results.add(pool.submit(() -> {
                    int done = 0;
                    for (int mask = (1 << 16) - 1 - start; mask >= 0; mask -= 97) {
                        boolean[] present = Stripes.present(mask, 16);
                        if (code.isRecoverable(present)) {
                            byte[][] shards = Stripes.copy(original);
                            code.reconstruct(shards, present, 0, 2048);
                            assertTrue(Arrays.deepEquals(original, shards));
                            done++;
                        }
                    }
                    return done;
                }));
            }
            for (Future<Integer> result : results) {
                assertTrue(result.get() > 0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refusesMalformedArguments() {
        LocalReconstructionCode code = new LocalReconstructionCode(new LrcSpec(6, 2, 2));
        var wrongCount = assertThrows(IllegalArgumentException.class, () -> code.encode(new byte[9][8], 0, 8));
        assertTrue(wrongCount.getMessage().contains("has 10 shards, got 9"), wrongCount.getMessage());
        byte[][] shards = new byte[10][8];
        shards[4] = new byte[7];
        var shortShard = assertThrows(IllegalArgumentException.class, () -> code.encode(shards, 0, 8));
        assertTrue(shortShard.getMessage().contains("shard 4 (data 4 (group 1)) must hold bytes [0, 8), it has 7"),
                shortShard.getMessage());
        assertThrows(IllegalArgumentException.class, () -> code.isRecoverable(new boolean[9]));
        assertThrows(IndexOutOfBoundsException.class, () -> code.repairSources(10, new boolean[10]));
    }

    @Test
    void encodesOnlyTheRequestedRange() {
        LocalReconstructionCode code = new LocalReconstructionCode(new LrcSpec(4, 2, 1));
        byte[][] shards = Stripes.encoded(code, 32, 11);
        byte[][] ranged = Stripes.copy(shards);
        for (int s = 4; s < 7; s++) {
            Arrays.fill(ranged[s], (byte) 0x77);
        }
        code.encode(ranged, 8, 16);
        for (int s = 4; s < 7; s++) {
            assertArrayEquals(Arrays.copyOfRange(shards[s], 8, 24), Arrays.copyOfRange(ranged[s], 8, 24));
            assertEquals(0x77, ranged[s][7]);
            assertEquals(0x77, ranged[s][24]);
        }
    }
}
