package dev.kwam.codec;

/** One fragment's health: its index in the stripe, its cid, its state and, unless OK, why. */
public record FragmentStatus(int fragmentIndex, Cid cid, FragmentState state, String reason) {
}
