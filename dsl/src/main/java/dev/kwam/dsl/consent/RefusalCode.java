package dev.kwam.dsl.consent;

/**
 * Every reason a consent token is refused, each with a stable code in the lowering range
 * KW-L201…KW-L299 reserved for consent (docs/consent.md has an example of each). Codes are never
 * renumbered or reused; a new rule gets the next free number.
 */
public enum RefusalCode {
    MALFORMED("KW-L201", "the token is not a well-formed version-1 consent token",
            "copy the whole grant://… text again (one line, nothing added); if it still fails, ask the signer for a new token"),
    BAD_SIGNATURE("KW-L202", "a signature does not verify over the token's body",
            "the token was altered or damaged after signing; use the original or mint a new one"),
    KEY_NOT_IN_KEYRING("KW-L203", "a signature was made by a key that is not in the keyring",
            "add that person's ID.pub to the keyring if you accept them, or have a key in the keyring sign"),
    KEY_OF_OTHER_SIGNER("KW-L204", "a signature was made by a key of another signer than the grant requires",
            "have a key of the required signer sign; the keyring says which signer each key speaks for"),
    SIGNER_MISMATCH("KW-L205", "the token is for another signer than the grant requires",
            "mint the token with a key of the signer named by the grant's signed_by"),
    NOT_YET_VALID("KW-L206", "the token is not valid yet",
            "wait until its not-before time, or check this machine's clock"),
    EXPIRED("KW-L207", "the token has expired",
            "mint a new token (kwam consent mint … --ttl …)"),
    CAPABILITY_NOT_COVERED("KW-L208", "the token does not carry the capability the action needs",
            "mint a token whose --caps include the action's capability"),
    SCOPE_OUTSIDE_GLOB("KW-L209", "the action's scope is not covered by the token's resource glob",
            "mint a token whose --resource glob covers the scope (docs/consent.md explains the glob rule)"),
    DUAL_CONTROL_NOT_MET("KW-L210", "dual control needs valid signatures by two distinct keys of the required signer",
            "have a second person of the signer co-sign: kwam consent cosign TOKEN --key THEIR.key"),
    DIGEST_MISMATCH("KW-L211", "the token is bound to a different artefact than the action's",
            "mint a token with --digest set to the digest of exactly what the action uses"),
    SIGNER_REVOKED("KW-L212", "a signature was made by a key whose signer was revoked",
            "tokens of a revoked key are refused from its revocation on, spent or not; have a current key sign (kwam trust list)"),
    // The two below are decided by a node, not by offline verification: consensus knows what was spent,
    // and the policy's grants say what the caller may ask for.
    ALREADY_SPENT("KW-L213", "the token was already spent: consent tokens are single-use",
            "mint a new token for this action; a token is spent by the first action it authorizes, wherever it ran"),
    CAPABILITY_NOT_GRANTED("KW-L214", "the caller's SPIFFE ID holds no grant with the capability the action needs",
            "add the capability to a grant matching the caller in the policy's grants block, or act from an identity that holds it"),
    CONSENSUS_UNAVAILABLE("KW-L215", "the token could not be checked or spent: the consensus group did not answer in time",
            "retry once a majority of the voters is up (kwam client status shows them); if the attempt timed out while spending, "
                    + "the token may be spent: mint a new one");

    private final String code;
    private final String summary;
    private final String hint;

    RefusalCode(String code, String summary, String hint) {
        this.code = code;
        this.summary = summary;
        this.hint = hint;
    }

    /** The stable code, e.g. {@code KW-L207}. */
    public String code() {
        return code;
    }

    public String summary() {
        return summary;
    }

    public String hint() {
        return hint;
    }
}
