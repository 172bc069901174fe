package dev.kwam.placement;

/**
 * How many of the stripe's fragments each touched vertex holds, during one placement. A stripe
 * touches at most width × (levels + 2) vertices, so a small open-addressing table beats both a map
 * and a per-placement array as long as the topology (100,000 nodes): no boxing, no zeroing of
 * untouched vertices.
 */
final class Tally {
    private int[] keys;
    private int[] counts;
    private int size;

    Tally(int expectedEntries) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedEntries * 3)) << 1;
        keys = new int[capacity];
        counts = new int[capacity];
    }

    int get(int vertex) {
        int mask = keys.length - 1;
        int key = vertex + 1;
        for (int h = slot(vertex, mask); ; h = (h + 1) & mask) {
            int k = keys[h];
            if (k == key) {
                return counts[h];
            }
            if (k == 0) {
                return 0;
            }
        }
    }

    void increment(int vertex) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int key = vertex + 1;
        for (int h = slot(vertex, mask); ; h = (h + 1) & mask) {
            if (keys[h] == key) {
                counts[h]++;
                return;
            }
            if (keys[h] == 0) {
                keys[h] = key;
                counts[h] = 1;
                size++;
                return;
            }
        }
    }

    private static int slot(int vertex, int mask) {
        return (vertex * 0x9E3779B1) >>> 7 & mask;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int h = slot(oldKeys[i] - 1, mask);
                while (keys[h] != 0) {
                    h = (h + 1) & mask;
                }
                keys[h] = oldKeys[i];
                counts[h] = oldCounts[i];
            }
        }
    }
}
