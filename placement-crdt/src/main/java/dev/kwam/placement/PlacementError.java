package dev.kwam.placement;

/** Why the placer refused: a stable code, the request it refused, the reason and how to fix it. */
public record PlacementError(String code, String place, String reason, String hint) {

    static final String TOO_FEW_NODES = "placement.too-few-nodes";
    static final String BAD_WIDTH = "placement.bad-width";
    static final String BAD_ASSIGNMENT = "placement.bad-assignment";

    @Override
    public String toString() {
        return code + ": " + place + ": " + reason + " (hint: " + hint + ")";
    }
}
