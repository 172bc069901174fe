package dev.kwam.node.authz;

/** What the authorizer answered for one call: allowed (and by what), or denied with the reason and the fix. */
public sealed interface Decision {

    /** @param by what allowed it: {@code grant "<pattern>" (replicate)} or {@code authorization: none (no policy)} */
    record Allowed(String by) implements Decision {
    }

    /**
     * @param reason what is missing, naming the capability and the caller's SPIFFE ID
     * @param fix    which grant to add
     */
    record Denied(String reason, String fix) implements Decision {
        /** The one line a caller is told: the reason, then the fix. */
        public String message() {
            return reason + "; fix: " + fix;
        }
    }
}
