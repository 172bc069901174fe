package dev.kwam.placement.census;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BinaryOperator;

/**
 * The merge every census CRDT value is built on: two arrays sorted by key become one, and where both hold
 * the same key {@code same} decides (last writer wins, slot by slot, set union — each value's own rule).
 * Linear, allocation-bounded, and commutative, associative and idempotent whenever {@code same} is.
 */
final class SortedMerge {
    private SortedMerge() {
    }

    static <T> T[] merge(T[] a, T[] b, Comparator<? super T> byKey, BinaryOperator<T> same) {
        T[] out = Arrays.copyOf(a, a.length + b.length);
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int c = i == a.length ? 1 : j == b.length ? -1 : byKey.compare(a[i], b[j]);
            if (c < 0) {
                out[n++] = a[i++];
            } else if (c > 0) {
                out[n++] = b[j++];
            } else {
                out[n++] = same.apply(a[i++], b[j++]);
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
