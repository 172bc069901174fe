package dev.kwam.codec;

/** What a fragment looked like when it was asked for. */
public enum FragmentState {
    /** Present and its bytes hash to the cid the manifest promises. */
    OK,
    /** Not held by the source, or unreadable. */
    MISSING,
    /** Present, but its bytes do not match the manifest: never used. */
    CORRUPT;

    /** The lowercase form used in JSON and CLI output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
