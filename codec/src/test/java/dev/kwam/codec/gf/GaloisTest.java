package dev.kwam.codec.gf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GaloisTest {

    @Test
    void matchesBackblazeSpotValues() {
        // Values from Backblaze's GaloisTest: the same field, so the same products.
        assertEquals((byte) 12, Galois.multiply((byte) 3, (byte) 4));
        assertEquals((byte) 21, Galois.multiply((byte) 7, (byte) 7));
        assertEquals((byte) 41, Galois.multiply((byte) 23, (byte) 45));
        assertEquals((byte) 2, Galois.exp((byte) 2, 1));
        assertEquals((byte) 8, Galois.exp((byte) 2, 3));
        assertEquals((byte) 0x1D, Galois.exp((byte) 2, 8));
    }

    @Test
    void generatorTwoReachesEveryNonZeroElementOnce() {
        boolean[] seen = new boolean[256];
        for (int n = 0; n < 255; n++) {
            int element = Galois.EXP_TABLE[n] & 0xFF;
            assertEquals(false, seen[element], "2^" + n + " repeats " + element);
            seen[element] = true;
        }
        assertEquals(false, seen[0]);
    }

    @Test
    void divisionByZeroIsRefused() {
        assertThrows(ArithmeticException.class, () -> Galois.divide((byte) 5, (byte) 0));
    }

    @Property
    void multiplicationIsAssociativeAndCommutative(@ForAll byte a, @ForAll byte b, @ForAll byte c) {
        assertEquals(Galois.multiply(a, Galois.multiply(b, c)), Galois.multiply(Galois.multiply(a, b), c));
        assertEquals(Galois.multiply(a, b), Galois.multiply(b, a));
    }

    @Property
    void multiplicationDistributesOverAddition(@ForAll byte a, @ForAll byte b, @ForAll byte c) {
        assertEquals(Galois.multiply(a, Galois.add(b, c)),
                Galois.add(Galois.multiply(a, b), Galois.multiply(a, c)));
    }

    @Property
    void everyNonZeroElementHasAnInverse(@ForAll byte a) {
        if (a == 0) {
            return;
        }
        assertEquals((byte) 1, Galois.multiply(a, Galois.inverse(a)));
        assertEquals(a, Galois.divide(Galois.multiply(a, (byte) 0x53), (byte) 0x53));
    }

    @Property
    void expAgreesWithLogTableAndRepeatedMultiplication(@ForAll byte a, @ForAll @IntRange(max = 600) int n) {
        byte repeated = 1;
        for (int i = 0; i < n; i++) {
            repeated = Galois.multiply(repeated, a);
        }
        assertEquals(repeated, Galois.exp(a, n));
        if (a != 0) {
            assertEquals(a, Galois.EXP_TABLE[Galois.LOG_TABLE[a & 0xFF]]);
        }
    }

    @Property
    void multiplicationTableAgreesWithLogExp(@ForAll byte a, @ForAll byte b) {
        assertEquals(Galois.multiply(a, b), Galois.MULTIPLICATION_TABLE[a & 0xFF][b & 0xFF]);
    }
}
