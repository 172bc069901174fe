package dev.kwam.codec.gf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The vector coder writes exactly the scalar coder's bytes, for any matrix, offset and length. */
class GfKernelsEquivalenceTest {

    private static final GfKernels SCALAR = GfKernelsProvider.scalar();
    private static final GfKernels VECTOR = GfKernelsProvider.vector().orElseThrow(() ->
            new AssertionError("vector kernels unavailable: run tests with --add-modules jdk.incubator.vector"));

    @Property(tries = 120)
    void vectorAndScalarCodersWriteIdenticalBytes(
            @ForAll @IntRange(min = 1, max = 24) int inputs, @ForAll @IntRange(min = 1, max = 11) int outputs,
            @ForAll @IntRange(max = 100) int offset, @ForAll @IntRange(max = 1100) int length, @ForAll long seed) {
        assertSameBytes(inputs, outputs, offset, length, seed);
    }

    @Example
    void identicalAtEdgeLengthsAndOnLargeShards() {
        int[] lengths = {0, 1, 15, 63, 64, 65, 127, 129, 4095, 16 * 1024 + 1, 70_001, 300_000};
        for (int length : lengths) {
            assertSameBytes(10, 4, 3, length, length);
            assertSameBytes(3, 7, 0, length, length + 1);
        }
    }

    @Example
    void wideMatricesCodeInSeveralBlocks() {
        assertSameBytes(200, 56, 5, 3000, 9);
        assertSameBytes(40, 9, 1, 9000, 10);
    }

    private static void assertSameBytes(int inputs, int outputs, int offset, int length, long seed) {
        Random random = new Random(seed);
        byte[][] coefficients = new byte[outputs][inputs];
        for (byte[] row : coefficients) {
            random.nextBytes(row);
        }
        coefficients[0][0] = 0;
        Matrix matrix = Matrix.of(coefficients);
        int[] inputShards = new int[inputs];
        int[] outputShards = new int[outputs];
        for (int i = 0; i < inputs; i++) {
            inputShards[i] = outputs + i;
        }
        for (int j = 0; j < outputs; j++) {
            outputShards[j] = j;
        }
        byte[][] viaScalar = new byte[inputs + outputs][offset + length + 7];
        for (byte[] shard : viaScalar) {
            random.nextBytes(shard);
        }
        byte[][] viaVector = new byte[viaScalar.length][];
        for (int s = 0; s < viaScalar.length; s++) {
            viaVector[s] = viaScalar[s].clone();
        }

        SCALAR.coder(matrix, inputShards, outputShards).code(viaScalar, offset, length);
        GfCoder vector = VECTOR.coder(matrix, inputShards, outputShards);
        vector.code(viaVector, offset, length);

        assertArrayEquals(viaScalar, viaVector, inputs + "x" + outputs + " offset " + offset + " length " + length);
        assertTrue(vector.check(viaScalar, offset, length));
        assertTrue(SCALAR.coder(matrix, inputShards, outputShards).check(viaVector, offset, length));
        if (length > 0) {
            viaVector[outputShards[outputs - 1]][offset + length - 1] ^= 0x40;
            assertFalse(vector.check(viaVector, offset, length));
        }
    }
}
