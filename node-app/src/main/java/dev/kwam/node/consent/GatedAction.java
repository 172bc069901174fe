package dev.kwam.node.consent;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ResourceName;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.vocab.Capability;
import java.util.Objects;
import java.util.Optional;

/**
 * An action a consent token must authorize before it runs: who asks (from the verified certificate),
 * the capability it needs, the concrete scope it acts on and, when it acts on one artefact, that
 * artefact's digest.
 *
 * @param name how the audit log and the refusal name it, e.g. {@code pointer.set} or {@code node.drain}
 */
public record GatedAction(SpiffeId caller, String name, Capability capability, ResourceName scope, Optional<Cid> digest) {

    public GatedAction {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(digest, "digest");
    }

    /** What the audit log records as the action: its name and, when bound to an artefact, the digest. */
    String described() {
        return digest.map(d -> name + " of " + d).orElse(name);
    }
}
