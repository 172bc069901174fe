package dev.kwam.node.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.CosignRefusedException;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.RefusalCode;
import dev.kwam.dsl.consent.ResourceGlob;
import dev.kwam.dsl.consent.ResourceName;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.identity.SpiffeIdPattern;
import dev.kwam.dsl.policy.PolicyBlock;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.dsl.vocab.SandboxTier;
import dev.kwam.node.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reason the gate refuses a consent-gated action, each provoked alone through the real verifier
 * and a real audit log, and the one way through: a valid token, spent once.
 */
class ConsentGateTest {
    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ACME = "acme-prod";
    private static final MintingKey ALICE = MintingKey.generate(ACME, "alice");
    private static final MintingKey BOB = MintingKey.generate(ACME, "bob");
    private static final MintingKey CAROL = MintingKey.generate(ACME, "carol");
    private static final MintingKey EVE = MintingKey.generate(ACME, "eve");
    private static final SpiffeId OPERATOR = SpiffeId.parse("spiffe://acme.example/ops/oncall");
    private static final SpiffeId CI = SpiffeId.parse("spiffe://acme.example/ci/runner");
    private static final ResourceName NODE_7 = ResourceName.parse("node.n7");
    private static final TrustedKey.Change GENESIS = new TrustedKey.Change(NOW.minusSeconds(3600), TrustedKey.GENESIS);
    private static NodeCertificate identity;

    @TempDir
    Path data;
    private AuditLog audit;
    private final Map<String, TokenLedger.AlreadySpent> spent = new ConcurrentHashMap<>();
    /** The ledger: a token is spent once; the first spender is remembered, as consensus does. */
    private final TokenLedger ledger = (id, spender, action) -> {
        TokenLedger.AlreadySpent first = spent.putIfAbsent(id, new TokenLedger.AlreadySpent(spender, action, NOW));
        return CompletableFuture.completedFuture(first == null ? new TokenLedger.Spent(NOW) : first);
    };
    /** alice and bob may consent to drain; carol only to deploy; eve was revoked; dave is alice's second key. */
    private final AtomicReference<TrustRoster> roster = new AtomicReference<>(new TrustRoster(List.of(
            trusted(ALICE, "alice", Set.of(Capability.DRAIN, Capability.DEPLOY)),
            trusted(BOB, "bob", Set.of(Capability.DRAIN)),
            trusted(CAROL, "carol", Set.of(Capability.DEPLOY)),
            new TrustedKey(EVE.identity(), "eve", Set.of(Capability.DRAIN), GENESIS,
                    Optional.of(new TrustedKey.Change(NOW.minusSeconds(60), "0123456789abcdef0123456789abcdef")))), true));

    @BeforeAll
    static void makeIdentity(@TempDir Path home) throws Exception {
        identity = DevelopmentPki.ensure(home, "node-a");
    }

    @BeforeEach
    void openAudit() throws Exception {
        audit = AuditLog.open(data, identity);
    }

    @AfterEach
    void closeAudit() throws Exception {
        audit.close();
    }

    private static TrustedKey trusted(MintingKey key, String person, Set<Capability> caps) {
        return new TrustedKey(key.identity(), person, caps, GENESIS, Optional.empty());
    }

    /** A policy: operators may drain with dual control, signed by acme-prod; CI may deploy without. */
    private static final PolicyBlock POLICY = new PolicyBlock("fleet", Optional.empty(), SandboxTier.BUBBLEWRAP, List.of(
            new PolicyBlock.Grant(SpiffeIdPattern.parse("spiffe://acme.example/ops/*"), Set.of(Capability.DRAIN, Capability.CORDON),
                    Optional.of(ACME), List.of(), true, List.of()),
            new PolicyBlock.Grant(SpiffeIdPattern.parse("spiffe://acme.example/ci/*"), Set.of(Capability.DEPLOY),
                    Optional.of(ACME), List.of(), false, List.of())));

    private ConsentGate gate(Optional<PolicyBlock> policy) {
        return gate(policy, CLOCK);
    }

    private ConsentGate gate(Optional<PolicyBlock> policy, Clock clock) {
        return new ConsentGate(policy.map(PolicyBlock::grants), () -> CompletableFuture.completedFuture(roster.get()), ledger,
                Optional.of(audit), clock, Runnable::run);
    }

    private static ConsentToken drainToken(MintingKey key, String glob) {
        return ConsentMint.mint(key, List.of(Capability.DRAIN), ResourceGlob.parse(glob), Duration.ofHours(1), Optional.empty(), CLOCK);
    }

    private static ConsentToken cosigned(ConsentToken token, MintingKey key) {
        try {
            return ConsentMint.cosign(token, key, CLOCK);
        } catch (CosignRefusedException e) {
            throw new AssertionError(e);
        }
    }

    private static GatedAction drain(SpiffeId caller) {
        return new GatedAction(caller, "node.drain", Capability.DRAIN, NODE_7, Optional.empty());
    }

    private GateDecision decide(ConsentGate gate, GatedAction action, ConsentToken token) throws Exception {
        return decide(gate, action, TokenCodec.encode(token));
    }

    private GateDecision decide(ConsentGate gate, GatedAction action, String token) throws Exception {
        return gate.authorize(action, token).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void assertRefused(GateDecision decision, RefusalCode... codes) throws Exception {
        GateDecision.Refused refused = assertInstanceOf(GateDecision.Refused.class, decision, decision.toString());
        assertEquals(Set.of(codes), refused.refusals().stream().map(r -> r.code()).collect(Collectors.toSet()), refused.reason());
        String last = lastAuditLine();
        assertTrue(last.contains("\"refused\""), last);
        for (RefusalCode code : codes) {
            assertTrue(last.contains(code.code()), "the audit record names " + code.code() + ": " + last);
        }
    }

    private String lastAuditLine() throws Exception {
        List<String> lines = Files.readAllLines(data.resolve("audit").resolve("audit.log"), StandardCharsets.UTF_8);
        return lines.get(lines.size() - 1);
    }

    private ConsentToken dualDrain() {
        return cosigned(drainToken(ALICE, "node.*"), BOB);
    }

    @Test
    void aValidDualControlTokenIsSpentOnceAndAudited() throws Exception {
        GateDecision decision = decide(gate(Optional.of(POLICY)), drain(OPERATOR), dualDrain());
        assertInstanceOf(GateDecision.Permitted.class, decision);
        String last = lastAuditLine();
        assertTrue(last.contains("\"spend\"") && last.contains("\"spent\"") && last.contains("node.drain"), last);
        assertEquals(1, spent.size());
    }

    @Test
    void replayIsRefusedWithL213NamingTheFirstSpender() throws Exception {
        ConsentGate gate = gate(Optional.of(POLICY));
        ConsentToken token = dualDrain();
        assertInstanceOf(GateDecision.Permitted.class, decide(gate, drain(OPERATOR), token));
        GateDecision again = decide(gate, drain(OPERATOR), token);
        assertRefused(again, RefusalCode.ALREADY_SPENT);
        assertTrue(((GateDecision.Refused) again).reason().contains("token already spent by " + OPERATOR), again.toString());
    }

    @Test
    void aCallerWithoutTheCapabilityIsRefusedWithL214BeforeAnyTokenCheck() throws Exception {
        assertRefused(decide(gate(Optional.of(POLICY)), drain(CI), dualDrain()), RefusalCode.CAPABILITY_NOT_GRANTED);
        assertTrue(spent.isEmpty(), "nothing was spent");
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        // Another body (a wider glob) under the signatures made for the first.
        ConsentToken other = drainToken(ALICE, "node.**");
        ConsentToken forged = new ConsentToken(other.body(), dualDrain().signatures());
        assertRefused(decide(gate(Optional.of(POLICY)), drain(OPERATOR), forged), RefusalCode.BAD_SIGNATURE,
                RefusalCode.DUAL_CONTROL_NOT_MET);
    }

    @Test
    void anUnknownSignerIsRefused() throws Exception {
        MintingKey stranger = MintingKey.generate(ACME, "stranger");
        assertRefused(decide(gate(Optional.of(POLICY)), drain(OPERATOR), cosigned(drainToken(ALICE, "node.*"), stranger)),
                RefusalCode.KEY_NOT_IN_KEYRING, RefusalCode.DUAL_CONTROL_NOT_MET);
    }

    @Test
    void aRevokedSignerIsRefused() throws Exception {
        assertRefused(decide(gate(Optional.of(POLICY)), drain(OPERATOR), cosigned(drainToken(ALICE, "node.*"), EVE)),
                RefusalCode.SIGNER_REVOKED, RefusalCode.DUAL_CONTROL_NOT_MET);
    }

    @Test
    void aKeyNotTrustedForTheCapabilityIsRefusedAsSuchNotAsUnknown() throws Exception {
        GateDecision decision = decide(gate(Optional.of(POLICY)), drain(OPERATOR), cosigned(drainToken(ALICE, "node.*"), CAROL));
        assertRefused(decision, RefusalCode.CAPABILITY_NOT_GRANTED, RefusalCode.DUAL_CONTROL_NOT_MET);
        assertTrue(((GateDecision.Refused) decision).reason().contains("key 'carol' may not consent to 'drain'"), decision.toString());
    }

    @Test
    void expiredAndNotYetValidAreRefused() throws Exception {
        ConsentToken token = dualDrain();
        Clock late = Clock.offset(CLOCK, Duration.ofHours(2));
        ConsentGate lateGate = gate(Optional.of(POLICY), late);
        assertRefused(decide(lateGate, drain(OPERATOR), token), RefusalCode.EXPIRED);
        Clock early = Clock.offset(CLOCK, Duration.ofMinutes(-5));
        ConsentGate earlyGate = gate(Optional.of(POLICY), early);
        assertRefused(decide(earlyGate, drain(OPERATOR), token), RefusalCode.NOT_YET_VALID);
    }

    @Test
    void aScopeOutsideTheGlobIsRefused() throws Exception {
        ConsentToken rackOnly = cosigned(drainToken(ALICE, "rack.*"), BOB);
        assertRefused(decide(gate(Optional.of(POLICY)), drain(OPERATOR), rackOnly), RefusalCode.SCOPE_OUTSIDE_GLOB);
    }

    @Test
    void aWrongDigestIsRefused() throws Exception {
        Cid bundle = Cid.of("bundle-1".getBytes(StandardCharsets.UTF_8));
        ConsentToken bound = ConsentMint.mint(CAROL, List.of(Capability.DEPLOY), ResourceGlob.parse("channel.*"), Duration.ofHours(1),
                Optional.of(bundle), CLOCK);
        GatedAction otherBundle = new GatedAction(CI, "pointer.set", Capability.DEPLOY, ResourceName.parse("channel.prod"),
                Optional.of(Cid.of("bundle-2".getBytes(StandardCharsets.UTF_8))));
        assertRefused(decide(gate(Optional.of(POLICY)), otherBundle, bound), RefusalCode.DIGEST_MISMATCH);
        GatedAction sameBundle = new GatedAction(CI, "pointer.set", Capability.DEPLOY, ResourceName.parse("channel.prod"),
                Optional.of(bundle));
        assertInstanceOf(GateDecision.Permitted.class, decide(gate(Optional.of(POLICY)), sameBundle, bound));
    }

    @Test
    void oneSignatureWhereTwoAreRequiredIsRefused() throws Exception {
        assertRefused(decide(gate(Optional.of(POLICY)), drain(OPERATOR), drainToken(ALICE, "node.*")), RefusalCode.DUAL_CONTROL_NOT_MET);
    }

    @Test
    void twoKeysOfTheSamePersonAreOneApproval() throws Exception {
        MintingKey dave = MintingKey.generate(ACME, "dave");
        List<TrustedKey> keys = new ArrayList<>(roster.get().keys());
        keys.add(trusted(dave, "alice", Set.of(Capability.DRAIN))); // alice's second key
        roster.set(new TrustRoster(keys, true));
        GateDecision decision = decide(gate(Optional.of(POLICY)), drain(OPERATOR), cosigned(drainToken(ALICE, "node.*"), dave));
        assertRefused(decision, RefusalCode.DUAL_CONTROL_NOT_MET);
        assertTrue(((GateDecision.Refused) decision).reason().contains("2 distinct people"), decision.toString());
    }

    @Test
    void aMalformedTokenIsRefusedAndAudited() throws Exception {
        assertRefused(decide(gate(Optional.of(POLICY)), drain(OPERATOR), "grant://garbage"), RefusalCode.MALFORMED);
    }

    @Test
    void anUnreachableGroupRefusesWithL215AndDoesNotAct() throws Exception {
        ConsentGate cut = new ConsentGate(Optional.of(POLICY.grants()), () -> CompletableFuture.completedFuture(roster.get()),
                (id, who, what) -> CompletableFuture.failedFuture(new IllegalStateException("consensus call timed out after 15 s")),
                Optional.of(audit), CLOCK, Runnable::run);
        GateDecision decision = decide(cut, drain(OPERATOR), dualDrain());
        assertRefused(decision, RefusalCode.CONSENSUS_UNAVAILABLE);
        assertTrue(((GateDecision.Refused) decision).reason().contains("timed out"), decision.toString());
    }

    @Test
    void withoutAPolicyOneTrustedSignatureOfTheTokensOwnSignerSuffices() throws Exception {
        assertInstanceOf(GateDecision.Permitted.class, decide(gate(Optional.empty()), drain(CI), drainToken(ALICE, "node.*")));
        assertRefused(decide(gate(Optional.empty()), drain(CI), drainToken(EVE, "node.*")), RefusalCode.SIGNER_REVOKED);
    }
}
