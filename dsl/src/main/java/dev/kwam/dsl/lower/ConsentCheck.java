package dev.kwam.dsl.lower;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ConsentRequest;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.ConsentVerdict;
import dev.kwam.dsl.consent.ConsentVerifier;
import dev.kwam.dsl.consent.MalformedTokenException;
import dev.kwam.dsl.consent.Refusal;
import dev.kwam.dsl.consent.RefusalCode;
import dev.kwam.dsl.consent.ResourceName;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.identity.SpiffeIdPattern;
import dev.kwam.dsl.identity.SpiffeIdResult;
import dev.kwam.dsl.policy.DeployBlock;
import dev.kwam.dsl.policy.FaultDomains;
import dev.kwam.dsl.syntax.Block;
import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.syntax.Literal;
import dev.kwam.dsl.vocab.Capability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deploy rules: the server must have trust; the pool must exist in the fleet's fault-domain map;
 * and the consent token must verify, offline, against the operator's keyring — signer from the grant
 * whose SPIFFE pattern matches the server's identity, capability {@code deploy}, scope the block's
 * {@code consent.scope}, dual control from the grant. Every verifier refusal keeps its KW-L2xx code.
 */
final class ConsentCheck {

    private final Lowering lowering;
    private final Diagnostics diagnostics;
    private final Map<String, FaultDomains> faultDomains;

    ConsentCheck(Lowering lowering, Map<String, FaultDomains> faultDomains) {
        this.lowering = lowering;
        this.diagnostics = lowering.diagnostics();
        this.faultDomains = faultDomains;
    }

    private record GrantMatch(String signer, boolean dualControl) {
    }

    Map<String, DeployBlock.Consent> run() {
        Map<String, DeployBlock.Consent> out = new LinkedHashMap<>();
        for (Block d : lowering.all(BlockKind.DEPLOY)) {
            deploy(d).ifPresent(c -> out.put(d.name().text(), c));
        }
        return out;
    }

    private Optional<DeployBlock.Consent> deploy(Block d) {
        LoweredBody deploy = lowering.lowered.get(d);
        pool(deploy);
        Optional<LoweredBody> consent = deploy.block("consent");
        Optional<String> serverName = deploy.word("server");
        Optional<LoweredBody> server = serverName.flatMap(n -> lowering.body(BlockKind.SERVER, n));
        if (server.isEmpty() || consent.isEmpty()) {
            return Optional.empty(); // an unknown server was reported as a reference error
        }
        Optional<String> trust = server.get().word("trust");
        if (trust.isEmpty()) {
            if (!server.get().written("trust")) {
                diagnostics.error(LoweringCode.DEPLOY_WITHOUT_TRUST, deploy.spanOf("server"), "deploy '" + d.name().text()
                        + "' is sequenced by server '" + serverName.get() + "', which has no trust policy; nothing says whose consent counts",
                        "add `trust <policy block>` to server " + serverName.get());
            }
            return Optional.empty();
        }
        Optional<LoweredBody> policy = lowering.body(BlockKind.POLICY, trust.get());
        Optional<String> scopeText = consent.get().word("scope");
        Optional<Literal.GrantRef> grantRef = consent.get().get("grant_ref").filter(Literal.GrantRef.class::isInstance)
                .map(Literal.GrantRef.class::cast);
        if (policy.isEmpty() || scopeText.isEmpty() || grantRef.isEmpty()) {
            return Optional.empty();
        }
        ResourceName scope;
        try {
            scope = ResourceName.parse(scopeText.get());
        } catch (IllegalArgumentException e) {
            diagnostics.error(LoweringCode.BAD_SCOPE, consent.get().spanOf("scope"), e.getMessage(), "write a dotted name, e.g. fleet.h100_pool");
            return Optional.empty();
        }
        Optional<SpiffeId> identity = server.get().get("identity").filter(Literal.IdentityLit.class::isInstance)
                .map(v -> SpiffeId.tryParse(((Literal.IdentityLit) v).text())).filter(SpiffeIdResult::isValid).map(SpiffeIdResult::orThrow);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        Optional<GrantMatch> grant = grant(policy.get(), identity.get());
        if (grant.isEmpty()) {
            diagnostics.error(LoweringCode.NO_MATCHING_GRANT, deploy.spanOf("server"), "no grant of policy '" + trust.get()
                    + "' gives " + identity.get() + " the capability deploy with a signed_by signer",
                    "add a grant whose pattern matches the server's identity: caps [deploy], signed_by \"<signer>\"");
            return Optional.empty();
        }
        if (!lowering.context().verifyConsent()) {
            return Optional.empty();
        }
        if (lowering.context().keyring().isEmpty()) {
            diagnostics.error(LoweringCode.NO_KEYRING, grantRef.get().span(), "the consent token of deploy '" + d.name().text()
                    + "' cannot be verified: no keyring was given, so no signature can be attributed to '" + grant.get().signer() + "'",
                    "pass the directory of the signers' .pub files: kwam check --keyring DIR FILE");
            return Optional.empty();
        }
        String token = TokenCodec.SCHEME + grantRef.get().token();
        ConsentRequest request = new ConsentRequest(grant.get().signer(), Capability.DEPLOY, scope,
                ConsentRequest.dualControlApplies(grant.get().dualControl(), Capability.DEPLOY), boundDigest(token, d));
        ConsentVerdict verdict = new ConsentVerifier(lowering.context().keyring().get(), lowering.context().clock())
                .verify(token, request);
        for (Refusal r : verdict.refusals()) {
            boolean aboutScope = r.code() == RefusalCode.SCOPE_OUTSIDE_GLOB;
            diagnostics.error(BorrowedCode.of(r.code()), aboutScope ? consent.get().spanOf("scope") : grantRef.get().span(),
                    r.message(), r.hint());
        }
        if (!verdict.accepted()) {
            if (verdict.refusals().isEmpty()) {
                diagnostics.error(BorrowedCode.of(RefusalCode.KEY_NOT_IN_KEYRING), grantRef.get().span(),
                        "no signature by a key of '" + grant.get().signer() + "' counted", RefusalCode.KEY_NOT_IN_KEYRING.hint());
            }
            return Optional.empty();
        }
        return Optional.of(new DeployBlock.Consent(verdict.tokenId().orElseThrow(), scope.text(), grant.get().signer(),
                verdict.validSigners().stream().map(SignerKey::id).sorted().toList(), request.dualControl()));
    }

    /**
     * A token bound to an artefact authorizes only a deploy of that artefact, so the client's image is
     * compared; a token bound to none covers any image within its scope and is checked without one.
     */
    private Optional<Cid> boundDigest(String token, Block d) {
        try {
            ConsentToken t = TokenCodec.decode(token);
            if (t.body().digest().isEmpty()) {
                return Optional.empty();
            }
        } catch (MalformedTokenException e) {
            return Optional.empty(); // the verifier reports it as KW-L201
        }
        return lowering.lowered.get(d).word("client").flatMap(c -> lowering.body(BlockKind.CLIENT, c))
                .flatMap(c -> c.string("image")).flatMap(Cid::tryParse);
    }

    /** The first grant, in file order, whose pattern matches {@code identity} and which may deploy with a named signer. */
    private static Optional<GrantMatch> grant(LoweredBody policy, SpiffeId identity) {
        for (LoweredBody.Entry e : policy.keyed().getOrDefault("grants", List.of())) {
            SpiffeIdResult<SpiffeIdPattern> pattern = SpiffeIdPattern.tryParse(e.key().value());
            boolean deploys = e.body().list("caps").stream().anyMatch(c -> LoweredBody.wordOf(c).filter("deploy"::equals).isPresent());
            Optional<String> signer = e.body().string("signed_by");
            if (pattern.isValid() && pattern.orThrow().matches(identity) && deploys && signer.isPresent()
                    && SignerKey.nameProblem(signer.get()) == null) {
                return Optional.of(new GrantMatch(signer.get(), e.body().bool("dual_control").orElse(false)));
            }
        }
        return Optional.empty();
    }

    /** {@code to} must name a pool of the fleet's fault-domain map, when the program has one. */
    private void pool(LoweredBody deploy) {
        if (faultDomains.size() != 1) {
            return;
        }
        FaultDomains fleet = faultDomains.values().iterator().next();
        Optional<String> to = deploy.word("to");
        if (to.isPresent() && !fleet.pools().isEmpty() && !fleet.pools().contains(to.get())) {
            diagnostics.error(LoweringCode.UNKNOWN_POOL, deploy.spanOf("to"), "the fleet " + fleet.source() + " has no pool '"
                    + to.get() + "'", fleet.pools(), dev.kwam.dsl.diag.Suggestions.didYouMean(to.get(), fleet.pools())
                    .orElse("deploy to one of: " + String.join(", ", fleet.pools())));
        }
    }
}
