package dev.kwam.codec.lrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.UnrecoverableStripeException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every one of the 2^n patterns of present shards, for the shapes KWAM ships. */
class ExhaustiveErasureTest {
    private static final int OFFSET = 3;
    private static final int BYTES = 37;

    @ParameterizedTest
    @ValueSource(strings = {"lrc(6,2,2)", "lrc(12,2,2)", "lrc(4,2,1)", "lrc(6,3,3)", "lrc(8,4,0)"})
    void recoversExactlyThePatternsTheGeneratorDetermines(String text) {
        LrcSpec spec = (LrcSpec) dev.kwam.codec.CodecSpec.parse(text);
        LocalReconstructionCode code = new LocalReconstructionCode(spec);
        int n = spec.totalCount();
        byte[][] original = Stripes.encoded(code, OFFSET + BYTES, 1234);
        byte[][] generator = Stripes.observedGenerator(code);
        int recovered = 0;
        int refused = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            boolean[] present = Stripes.present(mask, n);
            boolean determined = Stripes.rank(generator, present) == spec.dataCount();
            assertEquals(determined, code.isRecoverable(present), text + " present " + Arrays.toString(present));
            byte[][] shards = Stripes.copy(original);
            for (int s = 0; s < n; s++) {
                if (!present[s]) {
                    Arrays.fill(shards[s], (byte) 0x5A);
                }
            }
            byte[][] before = Stripes.copy(shards);
            if (determined) {
                code.reconstruct(shards, present, OFFSET, BYTES);
                for (int s = 0; s < n; s++) {
                    assertArrayEquals(Arrays.copyOfRange(original[s], OFFSET, OFFSET + BYTES),
                            Arrays.copyOfRange(shards[s], OFFSET, OFFSET + BYTES), text + " shard " + s);
                }
                recovered++;
            } else {
                assertThrows(UnrecoverableStripeException.class,
                        () -> code.reconstruct(shards, present, OFFSET, BYTES));
                assertTrue(Arrays.deepEquals(before, shards), "a refused reconstruction wrote nothing");
                refused++;
            }
        }
        System.out.printf("%s: %d patterns recovered, %d refused%n", text, recovered, refused);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lrc(6,2,2)", "lrc(12,2,2)", "lrc(4,2,1)", "lrc(6,3,3)", "lrc(10,2,4)", "lrc(16,4,2)"})
    void anyRPlusOneLossesAreRecoverable(String text) {
        LrcSpec spec = (LrcSpec) dev.kwam.codec.CodecSpec.parse(text);
        LocalReconstructionCode code = new LocalReconstructionCode(spec);
        int n = spec.totalCount();
        int checked = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            boolean[] present = Stripes.present(mask, n);
            if (Stripes.missingCount(present) <= spec.guaranteedTolerance()) {
                assertTrue(code.isRecoverable(present), text + " refused " + Arrays.toString(present));
                checked++;
            }
        }
        assertTrue(checked > n, "checked " + checked + " patterns");
    }
}
