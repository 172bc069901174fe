package dev.kwam.dsl.consent;

/** Why a co-signature was not added; the token is left as it was. */
public final class CosignRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The rule a co-signature would have broken. */
    public enum Reason {
        /** This key already signed: the same person twice is not dual control. */
        SAME_KEY,
        /** The key speaks for another signer than the token names. */
        OTHER_SIGNER,
        /** A signature already on the token does not verify: the token was altered after signing. */
        EXISTING_SIGNATURE_BROKEN,
        /** The token has expired; a signature could not make it usable. */
        EXPIRED,
        /** The token already carries {@link ConsentToken#MAX_SIGNATURES} signatures. */
        TOO_MANY_SIGNATURES
    }

    private final Reason reason;

    CosignRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
