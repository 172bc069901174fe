package dev.kwam.codec;

import java.util.List;

/** A stripe that could not be rebuilt: it needed {@code needed} good fragments and had {@code good}. */
public record StripeFailure(int stripe, int needed, int good, List<FragmentProblem> problems) {
    public StripeFailure {
        problems = List.copyOf(problems);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("stripe ").append(stripe).append(": ").append(good).append(" good fragment(s), ")
                .append(needed).append(" needed");
        for (FragmentProblem p : problems) {
            s.append("\n  ").append(p);
        }
        return s.toString();
    }
}
