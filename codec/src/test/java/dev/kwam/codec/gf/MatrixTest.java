package dev.kwam.codec.gf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void vandermondeEntryIsRowToThePowerOfColumn() {
        Matrix v = Matrix.vandermonde(4, 3);

        assertEquals(Matrix.of(new byte[][] {{1, 0, 0}, {1, 1, 1}, {1, 2, 4}, {1, 3, 5}}), v);
    }

    @Test
    void invertsBackblazeExample() {
        // Backblaze's MatrixTest.testInverse2.
        Matrix m = Matrix.of(new byte[][] {
                {56, 23, 98}, {3, 100, (byte) 200}, {45, (byte) 201, 123}});

        assertEquals(Matrix.of(new byte[][] {
                {(byte) 175, (byte) 133, 33}, {(byte) 130, 13, (byte) 245}, {(byte) 112, 35, 126}}), m.invert());
    }

    @Test
    void singularMatrixIsRefusedWithReason() {
        Matrix m = Matrix.of(new byte[][] {{1, 2}, {1, 2}});

        SingularMatrixException e = assertThrows(SingularMatrixException.class, m::invert);
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
    }

    @Test
    void augmentThenSubmatrixGivesBackBothHalves() {
        Matrix left = Matrix.vandermonde(3, 2);
        Matrix right = Matrix.identity(3);

        Matrix joined = left.augment(right);

        assertEquals(left, joined.submatrix(0, 0, 3, 2));
        assertEquals(right, joined.submatrix(0, 2, 3, 5));
    }

    @Test
    void shapeMismatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Matrix.identity(3).times(Matrix.identity(2)));
        assertThrows(IllegalArgumentException.class, () -> Matrix.vandermonde(3, 2).invert());
    }

    @Property(tries = 200)
    void anySquareSetOfVandermondeRowsInvertsToIdentity(@ForAll @IntRange(min = 1, max = 24) int size,
            @ForAll long seed) {
        Random random = new Random(seed);
        int[] rows = random.ints(0, 256).distinct().limit(size).toArray();
        Matrix square = Matrix.vandermonde(256, size).selectRows(rows);

        Matrix inverse = square.invert();

        assertEquals(Matrix.identity(size), inverse.times(square));
        assertEquals(Matrix.identity(size), square.times(inverse));
    }
}
