package dev.kwam.placement.census;

import java.util.Optional;

/**
 * What the census refuses in a {@link Census.RecordFragments} before touching any replica: the
 * whole write is refused (nothing half-recorded) and the reply names why.
 */
final class RecordFragmentsCheck {
    /** Fragment indexes are one byte on the wire and in {@link FragmentSlot}. */
    static final int MAX_WIDTH = 256;

    private RecordFragmentsCheck() {
    }

    static Optional<String> refusal(Census.RecordFragments c) {
        if (c.stripe() == null) {
            return Optional.of("no stripe cid");
        }
        if (c.k() < 1 || c.m() < 0 || c.k() + c.m() > MAX_WIDTH) {
            return Optional.of("k=" + c.k() + ", m=" + c.m() + " is not a stripe geometry (k >= 1, m >= 0, k+m <= "
                    + MAX_WIDTH + ")");
        }
        int width = c.k() + c.m();
        if (c.slots().isEmpty()) {
            return Optional.of("no slots to record");
        }
        if (c.slots().size() > width) {
            return Optional.of(c.slots().size() + " slots for a stripe of k+m = " + width + " fragments");
        }
        boolean[] seen = new boolean[width];
        for (FragmentSlot s : c.slots()) {
            if (s.index() >= width) {
                return Optional.of("slot index " + s.index() + " is outside a stripe of k+m = " + width
                        + " fragments (0.." + (width - 1) + ")");
            }
            if (seen[s.index()]) {
                return Optional.of("slot index " + s.index() + " appears twice");
            }
            seen[s.index()] = true;
        }
        return Optional.empty();
    }

    /** Thrown inside the replicator's modify step; the actor turns it into a refusal. */
    static final class GeometryMismatch extends RuntimeException {
        GeometryMismatch(String message) {
            super(message, null, false, false);
        }
    }

    static void sameGeometry(Census.RecordFragments c, StripeRecord existing) {
        if (existing != null && (existing.k != c.k() || existing.m != c.m())) {
            throw new GeometryMismatch("stripe " + c.stripe() + " is recorded as k=" + existing.k + ", m=" + existing.m
                    + "; this write says k=" + c.k() + ", m=" + c.m());
        }
    }
}
