package dev.kwam.placement.census;

/** What the census believes about one fragment slot of a stripe. */
public enum SlotState {
    /** Written durably on {@code node}, hash-checked when written. */
    OK,
    /** Not where it should be: never placed (no node) or its holder lost it. The JHMM's work list. */
    MISSING,
    /** Its holder found it corrupt (and quarantined it). */
    CORRUPT,
    /** A repair is rebuilding it. */
    REPAIRING
}
