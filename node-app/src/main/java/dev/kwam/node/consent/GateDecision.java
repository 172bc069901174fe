package dev.kwam.node.consent;

import dev.kwam.dsl.consent.Refusal;
import dev.kwam.dsl.consent.SignerKey;
import java.util.List;
import java.util.stream.Collectors;

/** What the consent gate decided: the action may run (the token is now spent), or why not. */
public sealed interface GateDecision {

    /** The token was valid for the action and this call spent it. */
    record Permitted(String tokenId, List<SignerKey> signers) implements GateDecision {
        public Permitted {
            signers = List.copyOf(signers);
        }
    }

    /** Every reason the action was refused, with their stable codes. */
    record Refused(List<Refusal> refusals) implements GateDecision {
        public Refused {
            refusals = List.copyOf(refusals);
            if (refusals.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
        }

        /** One line for stderr and the audit log: every reason, with its code. */
        public String reason() {
            return refusals.stream().map(Refusal::toString).collect(Collectors.joining("; "));
        }
    }
}
