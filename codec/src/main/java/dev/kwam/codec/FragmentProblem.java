package dev.kwam.codec;

/** A fragment that could not be used: where it sits (stripe, index), its cid, missing or corrupt, and why. */
public record FragmentProblem(int stripe, int fragmentIndex, Cid cid, FragmentState state, String reason) {

    @Override
    public String toString() {
        return "fragment " + fragmentIndex + " of stripe " + stripe + " (" + cid + ") is " + state.label() + ": " + reason;
    }
}
