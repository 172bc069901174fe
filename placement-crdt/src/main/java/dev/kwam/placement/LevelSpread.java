package dev.kwam.placement;

/**
 * How one stripe's fragments spread over one listed level: how many domains the level has (among
 * candidate nodes), the ideal most-per-domain ({@code 1} while domains ≥ fragments, else
 * {@code ceil(fragments / domains)}), the most any one domain actually holds, and why that is.
 *
 * <p>{@link #isFallback()} is true when some domain holds two or more fragments: losing that one
 * domain costs the stripe {@code maxPerDomain} fragments, which the durability model must be told.
 */
public record LevelSpread(String level, int domains, int fragments, int idealMax, int maxPerDomain, int domainsUsed,
        int unlabelled, Cause cause) {

    public enum Cause {
        /** No two fragments share a domain of this level. */
        ANTI_AFFINE,
        /** Fewer domains than fragments: spread as evenly as possible, at most ceil(fragments / domains) each. */
        EXHAUSTED,
        /** Enough domains in number, but some have too few nodes to take their share. */
        SMALL_DOMAINS,
        /** Would fit the ideal alone, but keeping an outer (wider) level even came first. */
        OUTER_LEVEL_FIRST,
        /** Fragments on last-resort nodes (missing or contradicting labels) share domains here. */
        LAST_RESORT,
        /** Repair only: the surviving fragments already share domains beyond the bound; survivors never move. */
        SURVIVORS
    }

    public boolean isFallback() {
        return maxPerDomain > 1;
    }

    /** One line for the operator and the audit log: level, counts, and the reason. */
    public String why() {
        String head = level + ": " + fragments + " fragments over " + domainsUsed + " of " + domains + " domains, ";
        String tail = unlabelled == 0 ? "" : "; " + unlabelled + " on nodes without a " + level + " label";
        switch (cause) {
            case ANTI_AFFINE:
                return head + "no two in one domain" + tail;
            case EXHAUSTED:
                return head + "at most " + maxPerDomain + " per domain: only " + domains + " domains for " + fragments
                        + " fragments (ceil(" + fragments + "/" + domains + ") = " + idealMax + "), spread evenly" + tail;
            case SMALL_DOMAINS:
                return head + "at most " + maxPerDomain + " per domain where " + idealMax
                        + " was the ideal: some domains have too few candidate nodes to take their share" + tail;
            case OUTER_LEVEL_FIRST:
                return head + "at most " + maxPerDomain + " per domain where " + idealMax
                        + " would fit alone: keeping the wider levels even came first" + tail;
            case LAST_RESORT:
                return head + "at most " + maxPerDomain + " per domain (ideal " + idealMax
                        + "): fragments on last-resort nodes share domains" + tail;
            case SURVIVORS:
                return head + "at most " + maxPerDomain + " per domain (ideal " + idealMax
                        + "): the surviving fragments already shared domains, and repair does not move them" + tail;
            default:
                throw new IllegalStateException("unknown cause " + cause);
        }
    }

    @Override
    public String toString() {
        return why();
    }
}
