package dev.kwam.dsl.consent;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.vocab.Capability;
import java.util.Objects;
import java.util.Optional;

/**
 * What an action needs a token to authorize, as the policy states it.
 *
 * @param signer      the grant's {@code signed_by}: the organisation whose keys must have signed
 * @param capability  the action's capability, e.g. {@link Capability#DEPLOY}
 * @param scope       the action's concrete scope, e.g. {@code fleet.h100_pool}
 * @param dualControl whether two distinct keys of the signer must have signed; see {@link #dualControlApplies}
 * @param digest      the artefact the action uses, when it has one; a token bound to a digest is
 *                    accepted only for an action naming that same digest
 */
public record ConsentRequest(String signer, Capability capability, ResourceName scope, boolean dualControl,
                             Optional<Cid> digest) {

    public ConsentRequest {
        SignerKey.requireName("signer", signer);
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * The dual-control rule: a grant with {@code dual_control true} needs two people for its
     * destructive capabilities ({@link Capability#destructive()}); other capabilities need one.
     */
    public static boolean dualControlApplies(boolean grantAsksDualControl, Capability capability) {
        return grantAsksDualControl && capability.destructive();
    }
}
