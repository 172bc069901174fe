package dev.kwam.jhmm;

/** Why a fragment of a stripe needs rebuilding. */
public enum LossCause {
    /** The census has no live copy: never placed, or its holder lost the file. */
    MISSING,
    /** Its holder (scrub or read) found the bytes do not hash to the cid; the copy is quarantined. */
    CORRUPT,
    /** The node that held it left the cluster. */
    NODE_GONE,
    /** A repair was writing it when it stopped (a crash or a restart); resumed on the same target. */
    INTERRUPTED,
    /** It shares a node with another fragment of the stripe: one node loss would take both. */
    CROWDED
}
