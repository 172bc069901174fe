package dev.kwam.codec.lrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.CodecSpec.LrcSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No code with LRC's support rebuilds a pattern beyond the counting bound; a maximally recoverable
 * one rebuilds every pattern within it. These shapes are, with the coefficients LrcGenerator fixes.
 */
class MaximalRecoverabilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"lrc(4,2,1)", "lrc(6,2,2)", "lrc(8,2,2)", "lrc(10,2,2)", "lrc(12,2,2)",
            "lrc(9,3,2)", "lrc(6,3,3)", "lrc(12,4,2)"})
    void recoversEveryPatternWithinTheCountingBound(String text) {
        long[] counts = counts((LrcSpec) CodecSpec.parse(text));
        assertEquals(0, counts[2], text + ": no pattern beyond the bound may be recovered");
        assertEquals(counts[0], counts[1], text + ": every pattern within the bound must be recovered");
    }

    /** Not maximally recoverable, but still never beyond the bound; the gap is printed for the docs. */
    @Test
    void largerShapesMissOnlyAFewPatternsWithinTheBound() {
        for (String text : new String[] {"lrc(8,2,3)", "lrc(10,2,4)"}) {
            long[] counts = counts((LrcSpec) CodecSpec.parse(text));
            assertEquals(0, counts[2], text);
            System.out.printf("%s: %d of %d patterns within the counting bound recovered%n",
                    text, counts[1], counts[0]);
            assertFalse(counts[1] < counts[0] * 0.99, text + " recovers under 99% of what the bound allows");
        }
    }

    /** {patterns within the bound, of those recoverable, recoverable beyond the bound}. */
    private static long[] counts(LrcSpec spec) {
        LocalReconstructionCode code = new LocalReconstructionCode(spec);
        int n = spec.totalCount();
        long within = 0;
        long recoveredWithin = 0;
        long recoveredBeyond = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            boolean[] present = Stripes.present(mask, n);
            boolean recoverable = code.isRecoverable(present);
            if (Stripes.withinCountingBound(spec, present)) {
                within++;
                recoveredWithin += recoverable ? 1 : 0;
            } else if (recoverable) {
                recoveredBeyond++;
            }
        }
        return new long[] {within, recoveredWithin, recoveredBeyond};
    }
}
