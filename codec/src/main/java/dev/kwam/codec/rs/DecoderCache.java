package dev.kwam.codec.rs;

import dev.kwam.codec.gf.GfCoder;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decode coders per erasure pattern, so a repeated reconstruct of the same loss does not invert the
 * matrix again. Bounded: past {@code capacity} an arbitrary entry is dropped, which is enough because
 * a node usually repairs a handful of patterns at a time and an eviction costs one k×k inversion.
 */
final class DecoderCache {

    private final ConcurrentHashMap<ErasurePattern, GfCoder> coders = new ConcurrentHashMap<>();
    private final int capacity;

    DecoderCache(int capacity) {
        this.capacity = capacity;
    }

    GfCoder get(ErasurePattern pattern, Function<ErasurePattern, GfCoder> build) {
        GfCoder cached = coders.get(pattern);
        if (cached != null) {
            return cached;
        }
        GfCoder built = coders.computeIfAbsent(pattern, build);
        if (coders.size() > capacity) {
            Iterator<ErasurePattern> oldest = coders.keySet().iterator();
            while (coders.size() > capacity && oldest.hasNext()) {
                ErasurePattern victim = oldest.next();
                if (!victim.equals(pattern)) {
                    coders.remove(victim);
                }
            }
        }
        return built;
    }

    int size() {
        return coders.size();
    }
}
