package dev.kwam.node.consent;

import dev.kwam.dsl.consent.ConsentRequest;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.ConsentVerdict;
import dev.kwam.dsl.consent.ConsentVerifier;
import dev.kwam.dsl.consent.MalformedTokenException;
import dev.kwam.dsl.consent.Refusal;
import dev.kwam.dsl.consent.RefusalCode;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.policy.PolicyBlock.Grant;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.audit.AuditException;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.audit.AuditRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The one way a consent-gated action gets permission (docs/consent.md, "On a node"): the caller must
 * hold a grant with the action's capability; the token must verify against the fleet's trust roots as
 * that grant asks (its signer, dual control by two people, the validity window with bounded skew, the
 * scope inside the token's glob, the digest of what is acted on); then it is spent, once in the fleet,
 * through consensus. Every refusal and every spend is in the audit log before the answer is given, so
 * a node that crashes right after acting has already recorded why it acted.
 *
 * <p>Holds public keys only: nothing here can sign a token.
 */
public final class ConsentGate {
    static final String KIND_SPEND = "spend";
    static final String KIND_REFUSAL = "refusal";

    private final Optional<List<Grant>> policy;
    private final TrustRosterSource trust;
    private final TokenLedger ledger;
    private final Optional<AuditLog> audit;
    private final Clock clock;
    private final Executor blockingIo;

    /** {@code policy}: the policy's grants, or empty without a policy (see {@link #requests}). */
    public ConsentGate(Optional<List<Grant>> policy, TrustRosterSource trust, TokenLedger ledger, Optional<AuditLog> audit,
            Clock clock, Executor blockingIo) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.blockingIo = Objects.requireNonNull(blockingIo, "blockingIo");
    }

    /**
     * Decides whether {@code action} may run on the strength of {@code tokenText}. Completes
     * exceptionally only when the decision could not be recorded (the audit log failed): then the action
     * must not run either.
     */
    public CompletionStage<GateDecision> authorize(GatedAction action, String tokenText) {
        ConsentToken token;
        try {
            token = TokenCodec.decode(tokenText);
        } catch (MalformedTokenException e) {
            return refuse(action, "", List.of(new Refusal(RefusalCode.MALFORMED, e.getMessage())));
        }
        List<ConsentRequest> requests = requests(action, token);
        if (requests.isEmpty()) {
            return refuse(action, token.id(), List.of(new Refusal(RefusalCode.CAPABILITY_NOT_GRANTED, action.caller()
                    + " holds no grant with '" + action.capability().keyword() + "' (needed for " + action.name() + ")")));
        }
        return trust.roster().thenCompose(roster -> {
            List<Refusal> refusals = verify(token, requests, roster, action);
            if (!refusals.isEmpty()) {
                return refuse(action, token.id(), refusals);
            }
            return spend(action, token);
        }).exceptionallyCompose(failure -> unwrap(failure) instanceof AuditFailure ? CompletableFuture.failedStage(failure)
                : refuse(action, token.id(), List.of(new Refusal(RefusalCode.CONSENSUS_UNAVAILABLE,
                        "the action does not run: " + unwrap(failure).getMessage()))));
    }

    /**
     * What the token must satisfy: one request per grant of the caller holding the capability (the
     * token passes if it satisfies any). Without a policy there are no grants: the token's own signer,
     * one signature, as long as that signer's key is in the trust roots.
     */
    private List<ConsentRequest> requests(GatedAction action, ConsentToken token) {
        if (policy.isEmpty()) {
            return List.of(new ConsentRequest(token.body().signer(), action.capability(), action.scope(),
                    alwaysTwoPeople(action), action.digest()));
        }
        List<ConsentRequest> requests = new ArrayList<>();
        for (Grant grant : policy.get()) {
            if (grant.pattern().matches(action.caller()) && grant.caps().contains(action.capability())) {
                String signer = grant.signedBy().orElse(token.body().signer());
                requests.add(new ConsentRequest(signer, action.capability(), action.scope(),
                        alwaysTwoPeople(action) || ConsentRequest.dualControlApplies(grant.dualControl(), action.capability()),
                        action.digest()));
            }
        }
        return requests;
    }

    /** Who may consent is itself decided by two people, whatever a grant says: one stolen key must not mint another. */
    private static boolean alwaysTwoPeople(GatedAction action) {
        return action.capability() == Capability.TRUST;
    }

    /** Empty when some request accepts the token; else the refusals against the first (the most specific grant). */
    private List<Refusal> verify(ConsentToken token, List<ConsentRequest> requests, TrustRoster roster, GatedAction action) {
        ConsentVerifier verifier = new ConsentVerifier(roster.keyringFor(action.capability()), clock);
        List<Refusal> first = null;
        for (ConsentRequest request : requests) {
            ConsentVerdict verdict = verifier.verify(token, request);
            if (verdict.accepted()) {
                return List.of();
            }
            if (first == null) {
                first = verdict.refusals();
            }
        }
        return first;
    }

    private CompletionStage<GateDecision> spend(GatedAction action, ConsentToken token) {
        return ledger.spend(token.id(), action.caller().toString(), action.described()).thenCompose(result -> {
            if (result instanceof TokenLedger.AlreadySpent earlier) {
                return refuse(action, token.id(), List.of(new Refusal(RefusalCode.ALREADY_SPENT, "token already spent by "
                        + earlier.spender() + " at " + earlier.at() + " for " + earlier.action())));
            }
            TokenLedger.Spent spent = (TokenLedger.Spent) result;
            List<String> signers = token.signatures().stream().map(s -> s.key().toString()).toList();
            return record(new AuditRecord(KIND_SPEND, action.caller().toString(), action.described(), action.scope().toString(),
                    "spent", "token " + token.id() + " spent at " + spent.at() + ", signed by " + signers))
                    .thenApply(seq -> new GateDecision.Permitted(token.id(), List.of()));
        });
    }

    private CompletionStage<GateDecision> refuse(GatedAction action, String tokenId, List<Refusal> refusals) {
        GateDecision.Refused refused = new GateDecision.Refused(refusals);
        String reason = (tokenId.isEmpty() ? "" : "token " + tokenId + ": ") + refused.reason();
        return record(new AuditRecord(KIND_REFUSAL, action.caller().toString(), action.described(), action.scope().toString(),
                "refused", reason)).thenApply(seq -> refused);
    }

    private CompletionStage<Long> record(AuditRecord record) {
        if (audit.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return audit.get().append(record);
            } catch (AuditException e) {
                throw new AuditFailure(e);
            }
        }, blockingIo);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The decision could not be written to the audit log: the action must not run. */
    public static final class AuditFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AuditFailure(AuditException cause) {
            super(cause.what() + ": " + cause.why(), cause);
        }
    }
}
