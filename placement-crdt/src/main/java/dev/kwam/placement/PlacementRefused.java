package dev.kwam.placement;

import dev.kwam.actors.error.KwamError;

/**
 * The placer could not honour a request; {@link #error()} says which (a {@code placement.*} code), the
 * request it refused, why and what to do. Unchecked: placement runs inside repair and write pipelines
 * whose lambdas cannot declare it, and every caller that can act on it catches it by name.
 */
public final class PlacementRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String TOO_FEW_NODES = "placement.too-few-nodes";
    static final String BAD_WIDTH = "placement.bad-width";
    static final String BAD_ASSIGNMENT = "placement.bad-assignment";

    private final transient KwamError error;

    PlacementRefused(String code, String what, String request, String why, String fix) {
        this(KwamError.of(code, what, request, why, fix));
    }

    private PlacementRefused(KwamError error) {
        super(error.code() + ": " + error.where().orElse("") + ": " + error.why() + " (hint: " + error.fix() + ")");
        this.error = error;
    }

    public KwamError error() {
        return error;
    }
}
