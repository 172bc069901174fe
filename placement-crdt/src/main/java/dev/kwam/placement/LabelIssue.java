package dev.kwam.placement;

/**
 * A node whose labels the placer cannot fully trust for one anti-affinity list, and what it does
 * about it: nodes missing a listed label or contradicting the nesting are placed only as a last
 * resort; full nodes are not placed at all.
 */
public record LabelIssue(NodeId node, Problem problem, String detail) {

    public enum Problem {
        /** Lacks one or more listed labels: its domain at that level is unknown. Last resort. */
        MISSING_LABEL,
        /** Its labels put a domain under a different parent than most nodes of that domain do. Last resort. */
        CONTRADICTS_NESTING,
        /** Reports zero free bytes. Not a candidate. */
        FULL
    }

    public boolean lastResort() {
        return problem != Problem.FULL;
    }

    @Override
    public String toString() {
        return node + ": " + detail;
    }
}
