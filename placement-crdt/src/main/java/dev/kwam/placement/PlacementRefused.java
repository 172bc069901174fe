package dev.kwam.placement;

/** The placer could not honour a request; {@link #error()} says which, where, why and what to do. */
public final class PlacementRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PlacementError error;

    PlacementRefused(PlacementError error) {
        super(error.toString());
        this.error = error;
    }

    public PlacementError error() {
        return error;
    }
}
