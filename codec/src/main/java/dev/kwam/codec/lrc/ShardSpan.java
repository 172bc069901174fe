package dev.kwam.codec.lrc;

import dev.kwam.codec.gf.Galois;
import dev.kwam.codec.gf.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The linear span of some shards' generator rows, grown one shard at a time by Gaussian
 * elimination, remembering how each basis row was made from the shards so that any row in the span
 * can be written as a combination of them. This is the decoder's whole algebra: the stripe is
 * recoverable when the span reaches rank k, and a missing shard is rebuilt by the combination that
 * {@link #express} finds.
 */
final class ShardSpan {
    private final Matrix generator;
    private final int columns;
    private final List<byte[]> basis = new ArrayList<>();
    private final List<byte[]> recipes = new ArrayList<>();
    private final List<Integer> pivots = new ArrayList<>();

    ShardSpan(Matrix generator) {
        this.generator = generator;
        this.columns = generator.columns();
    }

    int rank() {
        return basis.size();
    }

    /** Adds shard {@code shard}'s row; returns false, changing nothing, when it is already in the span. */
    boolean add(int shard) {
        byte[] row = generator.row(shard);
        byte[] recipe = new byte[generator.rows()];
        recipe[shard] = 1;
        reduce(row, recipe);
        int pivot = firstNonZero(row);
        if (pivot < 0) {
            return false;
        }
        byte[] scale = Galois.MULTIPLICATION_TABLE[Galois.inverse(row[pivot]) & 0xFF];
        scaleInPlace(row, scale);
        scaleInPlace(recipe, scale);
        basis.add(row);
        recipes.add(recipe);
        pivots.add(pivot);
        return true;
    }

    /**
     * Shard {@code target} as a combination of the added shards: coefficient per shard index, zero
     * for shards not used; empty when the target is outside the span.
     */
    Optional<byte[]> express(int target) {
        byte[] row = generator.row(target);
        byte[] recipe = new byte[generator.rows()];
        reduce(row, recipe);
        return firstNonZero(row) < 0 ? Optional.of(recipe) : Optional.empty();
    }

    /*
     * Each basis row is zero at every earlier row's pivot, so one pass in insertion order clears
     * every pivot column of the row; what the pass subtracted from the row is added to the recipe.
     * In GF(2^8) subtraction is XOR, so "row - f·b" and "recipe + f·r" are the same operation.
     */
    private void reduce(byte[] row, byte[] recipe) {
        for (int b = 0; b < basis.size(); b++) {
            byte factor = row[pivots.get(b)];
            if (factor != 0) {
                byte[] times = Galois.MULTIPLICATION_TABLE[factor & 0xFF];
                addScaled(row, basis.get(b), times);
                addScaled(recipe, recipes.get(b), times);
            }
        }
    }

    private static void addScaled(byte[] into, byte[] from, byte[] times) {
        for (int c = 0; c < into.length; c++) {
            into[c] ^= times[from[c] & 0xFF];
        }
    }

    private static void scaleInPlace(byte[] row, byte[] times) {
        for (int c = 0; c < row.length; c++) {
            row[c] = times[row[c] & 0xFF];
        }
    }

    private int firstNonZero(byte[] row) {
        for (int c = 0; c < columns; c++) {
            if (row[c] != 0) {
                return c;
            }
        }
        return -1;
    }
}
