package dev.kwam.hud;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a sorted list: the items after {@code after} (by their key), at most {@code limit}, the total that
 * matched, and the cursor of the next page (empty on the last).
 */
record Page<T>(List<T> items, int total, Optional<String> next) {

    static <T> Page<T> of(List<T> sorted, Function<T, String> key, Optional<String> after, int limit) {
        int start = 0;
        if (after.isPresent()) {
            while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(after.get()) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> items = List.copyOf(sorted.subList(start, end));
        Optional<String> next = end < sorted.size() && !items.isEmpty() ? Optional.of(key.apply(items.get(items.size() - 1)))
                : Optional.empty();
        return new Page<>(items, sorted.size(), next);
    }
}
