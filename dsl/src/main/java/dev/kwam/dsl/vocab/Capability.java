package dev.kwam.dsl.vocab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The closed set of capabilities a grant may hold and a consent token may carry. An unknown member is
 * an error, never a default. Destructive capabilities change what runs or what is stored and need
 * dual control (two signatures by distinct keys of the required signer) when a grant asks for it.
 */
public enum Capability {
    /** Enumerate peers within a scoped CIDR list (read-only, bounded). */
    DISCOVER(false),
    /** Store and re-place fragments of protected objects. */
    REPLICATE(false),
    /** Rebuild lost fragments (the JHMM). */
    REPAIR(false),
    /** Re-hash stored fragments. */
    SCRUB(false),
    /** Read protected objects and fragments. */
    READ(false),
    /** Roll new code out to nodes. */
    DEPLOY(true),
    /** Roll code back to an earlier bundle. */
    ROLLBACK(true),
    /** Take a node or fragment out of service. */
    QUARANTINE(true),
    /** Move all work off a node before maintenance. */
    DRAIN(true),
    /** Stop new work landing on a node. */
    CORDON(false),
    /** Delete protected objects. */
    DELETE(true),
    /** Change the fleet's trust roots: add or revoke a consent signer. Always needs two people. */
    TRUST(true);

    private final boolean destructive;

    Capability(boolean destructive) {
        this.destructive = destructive;
    }

    public boolean destructive() {
        return destructive;
    }

    /** The spelling used in policy files and tokens: lowercase. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Capability> fromKeyword(String word) {
        return Arrays.stream(values()).filter(c -> c.keyword().equals(word)).findFirst();
    }
}
