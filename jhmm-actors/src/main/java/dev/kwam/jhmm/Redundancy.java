package dev.kwam.jhmm;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.ErasureCode;
import dev.kwam.codec.Kwam;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many more fragments a stripe can lose, whichever they are, and still be rebuilt: the number the
 * repair order is sorted by. Reed–Solomon: survivors minus k. LRC: found by trying the removals, since
 * which fragments survive matters (two losses in one local group cost more than two in different
 * groups); the patterns repeat across stripes, so the answers are cached.
 */
final class Redundancy {
    private static final int CACHE = 1024;
    private static final Map<String, Integer> SPARE = new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CACHE;
        }
    };

    private Redundancy() {
    }

    /** Further losses survivable in the worst case; -1 when {@code present} cannot rebuild the stripe now. */
    static int spare(CodecSpec spec, boolean[] present) {
        int count = 0;
        for (boolean p : present) {
            count += p ? 1 : 0;
        }
        if (spec instanceof CodecSpec.ReedSolomonSpec) {
            return Math.max(-1, count - spec.dataCount());
        }
        BitSet bits = new BitSet(present.length);
        for (int i = 0; i < present.length; i++) {
            bits.set(i, present[i]);
        }
        String key = spec + bits.toString();
        synchronized (SPARE) {
            Integer known = SPARE.get(key);
            if (known != null) {
                return known;
            }
        }
        int spare = search(Kwam.code(spec), present, count);
        synchronized (SPARE) {
            SPARE.put(key, spare);
        }
        return spare;
    }

    private static int search(ErasureCode code, boolean[] present, int count) {
        if (!code.isRecoverable(present)) {
            return -1;
        }
        int[] held = new int[count];
        for (int i = 0, h = 0; i < present.length; i++) {
            if (present[i]) {
                held[h++] = i;
            }
        }
        for (int remove = 1; remove <= count; remove++) {
            if (someRemovalIsFatal(code, present.clone(), held, remove, 0)) {
                return remove - 1;
            }
        }
        return count; // unreachable: removing every fragment is always fatal
    }

    private static boolean someRemovalIsFatal(ErasureCode code, boolean[] mask, int[] held, int left, int from) {
        if (left == 0) {
            return !code.isRecoverable(mask);
        }
        for (int i = from; i <= held.length - left; i++) {
            mask[held[i]] = false;
            boolean fatal = someRemovalIsFatal(code, mask, held, left - 1, i + 1);
            mask[held[i]] = true;
            if (fatal) {
                return true;
            }
        }
        return false;
    }
}
