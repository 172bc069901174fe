package dev.kwam.dsl.vocab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The closed, ordered set of sandbox tiers, weakest first. {@link #NONE} exists only so that it can
 * be named and refused: the un-sandboxed tier is never permitted, whatever the floor.
 */
public enum SandboxTier {
    NONE,
    /** Linux namespaces and seccomp through bubblewrap. */
    BUBBLEWRAP,
    /** A user-space kernel (gVisor's runsc). */
    GVISOR,
    /** A hardware-virtualised micro-VM (Firecracker, Kata). */
    MICROVM;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this tier is at least as strong as {@code floor}. */
    public boolean atLeast(SandboxTier floor) {
        return compareTo(floor) >= 0;
    }

    public boolean permitted() {
        return this != NONE;
    }

    public static Optional<SandboxTier> fromKeyword(String word) {
        return Arrays.stream(values()).filter(t -> t.keyword().equals(word)).findFirst();
    }
}
