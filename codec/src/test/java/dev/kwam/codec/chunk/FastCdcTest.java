package dev.kwam.codec.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FastCdcTest {
    private static final ChunkerParams SMALL = new ChunkerParams(8 << 10, 32 << 10, 128 << 10);

    @Test
    void boundariesOfAFixedInputAreFrozen() {
        byte[] data = Inputs.randomBytes(20160622L, 1 << 20);
        assertEquals(FROZEN_SMALL_LENGTHS, Inputs.chunkLengths(data, SMALL));
    }

    @Test
    void sameBytesGiveSameBoundariesWhereverTheyLieInTheBuffer() {
        byte[] data = Inputs.randomBytes(7, 300_000);
        byte[] padded = new byte[data.length + 1000];
        System.arraycopy(data, 0, padded, 517, data.length);
        for (int off = 0; off < data.length; ) {
            int n = FastCdc.cutPoint(data, off, data.length - off, SMALL);
            assertEquals(n, FastCdc.cutPoint(padded, 517 + off, data.length - off, SMALL));
            off += n;
        }
    }

    @Test
    void emptyInputHasNoChunks() {
        assertEquals(List.of(), Inputs.chunkLengths(new byte[0], SMALL));
    }

    @Test
    void inputNoLongerThanMinIsOneChunk() {
        assertEquals(List.of(100), Inputs.chunkLengths(Inputs.randomBytes(1, 100), SMALL));
        assertEquals(List.of(8192), Inputs.chunkLengths(Inputs.randomBytes(1, 8192), SMALL));
    }

    @Test
    void uniformBytesAreCutAtMax() {
        byte[] zeros = new byte[(128 << 10) * 3 + 5];
        List<Integer> lengths = Inputs.chunkLengths(zeros, SMALL);
        // The gear hash of a constant run settles on one value; unless it clears the mask, only max cuts.
        assertEquals(List.of(131072, 131072, 131072, 5), lengths);
    }

    @Test
    void randomContentAveragesNearAvg() {
        byte[] data = Inputs.randomBytes(99, 16 << 20);
        List<Integer> lengths = Inputs.chunkLengths(data, SMALL);
        double mean = (double) data.length / lengths.size();
        assertTrue(mean > 24 << 10 && mean < 48 << 10, "mean chunk " + mean + " bytes for avg 32 KiB");
        long atMax = lengths.stream().filter(n -> n == SMALL.max()).count();
        assertTrue(atMax * 100 < lengths.size(), atMax + " of " + lengths.size() + " chunks hit max");
    }

    @Property(tries = 60)
    void chunksTileTheInputWithinMinAndMax(@ForAll("chunkedInputs") ChunkedInput input) {
        List<Integer> lengths = Inputs.chunkLengths(input.data(), input.params());
        int total = 0;
        for (int i = 0; i < lengths.size(); i++) {
            int n = lengths.get(i);
            boolean last = i == lengths.size() - 1;
            assertTrue(n <= input.params().max(), "chunk " + i + " is " + n + " bytes");
            assertTrue(last ? n > 0 : n >= input.params().min(), "chunk " + i + " is " + n + " bytes");
            total += n;
        }
        assertEquals(input.data().length, total);
    }

    @Property(tries = 30)
    void chunkingIsAPureFunctionOfTheBytes(@ForAll @IntRange(max = 200_000) int length, @ForAll long seed) {
        byte[] data = Inputs.randomBytes(seed, length);
        assertEquals(Inputs.chunkLengths(data, SMALL), Inputs.chunkLengths(Arrays.copyOf(data, length), SMALL));
    }

    record ChunkedInput(byte[] data, ChunkerParams params) {
        @Override
        public String toString() {
            return data.length + " bytes, " + params;
        }
    }

    @Provide
    Arbitrary<ChunkedInput> chunkedInputs() {
        Arbitrary<ChunkerParams> params = Combinators.combine(
                        Arbitraries.integers().between(64, 4096),
                        Arbitraries.integers().between(6, 13),
                        Arbitraries.integers().between(0, 8192))
                .as((min, avgBits, extra) -> {
                    int avg = Math.max(1 << avgBits, Integer.highestOneBit(min) << 1);
                    return new ChunkerParams(Math.min(min, avg), avg, avg + extra);
                });
        return Combinators.combine(params, Arbitraries.integers().between(0, 100_000), Arbitraries.longs())
                .as((p, length, seed) -> new ChunkedInput(Inputs.randomBytes(seed, length), p));
    }

    private static final List<Integer> FROZEN_SMALL_LENGTHS = List.of(
            15818, 47293, 41323, 33606, 34069, 47893, 39832, 32614, 38715, 33841, 52695, 40945, 49066,
            57371, 58316, 37078, 37372, 34760, 51105, 34684, 49406, 45255, 49098, 34554, 51867);
}
