package dev.kwam.codec.lrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.CodecSpec.LrcSpec;
import dev.kwam.codec.UnrecoverableStripeException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The point of LRC: one lost shard costs k/l reads, not k. */
class LocalRepairTest {

    @ParameterizedTest
    @ValueSource(strings = {"lrc(6,2,2)", "lrc(12,2,2)", "lrc(4,2,1)", "lrc(12,3,2)"})
    void aSingleLostDataOrLocalParityIsRebuiltFromItsGroupAlone(String text) {
        LrcSpec spec = (LrcSpec) CodecSpec.parse(text);
        LocalReconstructionCode code = new LocalReconstructionCode(spec);
        int n = spec.totalCount();
        int k = spec.dataCount();
        int size = spec.groupSize();
        byte[][] original = Stripes.encoded(code, 4099, 77);
        for (int lost = 0; lost < k + spec.localGroups(); lost++) {
            int group = lost < k ? lost / size : lost - k;
            final int target = lost;
            int[] expected = IntStream.concat(IntStream.range(group * size, group * size + size),
                    IntStream.of(k + group)).filter(s -> s != target).toArray();
            boolean[] present = new boolean[n];
            Arrays.fill(present, true);
            present[lost] = false;

            assertArrayEquals(expected, code.repairSources(lost, present), text + " shard " + lost);
            assertEquals(size, expected.length, "a group read is k/l shards");

            byte[][] shards = new byte[n][4099];
            for (int s : expected) {
                shards[s] = original[s].clone();
            }
            // Everything outside the group is zeroed yet marked present: the repair must not read it.
            code.reconstruct(shards, present, 0, 4099);
            assertArrayEquals(original[lost], shards[lost], text + " shard " + lost);
        }
    }

    @Test
    void aGlobalParityIsRebuiltFromTheDataShards() {
        LocalReconstructionCode code = new LocalReconstructionCode(new CodecSpec.LrcSpec(6, 2, 2));
        boolean[] present = new boolean[10];
        Arrays.fill(present, true);
        present[9] = false;
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, code.repairSources(9, present));
    }

    @Test
    void aBrokenGroupFallsBackToGlobalsAndTheReturnedSourcesSuffice() {
        LrcSpec spec = new LrcSpec(6, 2, 2);
        LocalReconstructionCode code = new LocalReconstructionCode(spec);
        byte[][] original = Stripes.encoded(code, 513, 5);
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                boolean[] present = new boolean[10];
                Arrays.fill(present, true);
                present[a] = false;
                present[b] = false;
                for (int target : new int[] {a, b}) {
                    int[] sources = code.repairSources(target, present);
                    assertTrue(sources.length <= spec.dataCount(), Arrays.toString(sources));
                    byte[][] shards = new byte[10][513];
                    for (int s : sources) {
                        assertTrue(present[s], "source " + s + " is present");
                        shards[s] = original[s].clone();
                    }
                    code.reconstruct(shards, present, 0, 513);
                    assertArrayEquals(original[target], shards[target], "lost " + a + "," + b + " target " + target);
                }
            }
        }
    }

    @Test
    void aTargetOutsideTheSpanIsRefusedWithItsReason() {
        LocalReconstructionCode code = new LocalReconstructionCode(new CodecSpec.LrcSpec(6, 2, 2));
        boolean[] present = {false, false, false, true, true, true, true, true, true, false};
        var e = assertThrows(UnrecoverableStripeException.class, () -> code.repairSources(0, present));
        assertTrue(e.getMessage().contains("cannot rebuild shard 0 = data 0 (group 0)"), e.getMessage());
        assertTrue(e.getMessage().contains("lost 3 of group 0 with its local parity"), e.getMessage());
    }

    @Test
    void aLocalRepairWorksEvenWhenTheRestOfTheStripeIsLost() {
        LocalReconstructionCode code = new LocalReconstructionCode(new CodecSpec.LrcSpec(6, 2, 2));
        boolean[] present = {false, true, true, false, false, false, true, false, false, false};
        assertArrayEquals(new int[] {1, 2, 6}, code.repairSources(0, present));
    }
}
