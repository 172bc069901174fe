package dev.kwam.bench;

import dev.kwam.codec.gf.GfKernels;
import dev.kwam.codec.gf.GfKernelsProvider;

/** The kernel a benchmark asked for by name, never a silent fallback. */
final class RsBenchKernels {

    private RsBenchKernels() {
    }

    static GfKernels named(String name) {
        return switch (name) {
            case "scalar" -> GfKernelsProvider.scalar();
            case "vector" -> GfKernelsProvider.vector().orElseThrow(() -> new IllegalStateException(
                    "vector kernels unavailable: fork with --add-modules=jdk.incubator.vector"));
            default -> throw new IllegalArgumentException("kernels must be scalar or vector, got " + name);
        };
    }
}
