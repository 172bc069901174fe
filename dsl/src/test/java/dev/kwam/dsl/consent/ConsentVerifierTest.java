package dev.kwam.dsl.consent;

import static dev.kwam.dsl.consent.ConsentFixtures.ACME;
import static dev.kwam.dsl.consent.ConsentFixtures.ALICE;
import static dev.kwam.dsl.consent.ConsentFixtures.BOB;
import static dev.kwam.dsl.consent.ConsentFixtures.CLOCK;
import static dev.kwam.dsl.consent.ConsentFixtures.KEYRING;
import static dev.kwam.dsl.consent.ConsentFixtures.MALLORY;
import static dev.kwam.dsl.consent.ConsentFixtures.NOW;
import static dev.kwam.dsl.consent.ConsentFixtures.cosigned;
import static dev.kwam.dsl.consent.ConsentFixtures.deployRequest;
import static dev.kwam.dsl.consent.ConsentFixtures.deployToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.vocab.Capability;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every refusal code, each provoked alone, and the accepted cases next to them. */
class ConsentVerifierTest {
    private static final ConsentVerifier VERIFIER = new ConsentVerifier(KEYRING, CLOCK);
    private static final ConsentToken BY_ALICE = deployToken(ALICE);
    private static final ConsentToken BY_ALICE_AND_BOB = cosigned(BY_ALICE, BOB);

    private static ConsentVerdict verify(ConsentToken token, ConsentRequest request) {
        // Through the text form, as every caller receives tokens.
        return VERIFIER.verify(TokenCodec.encode(token), request);
    }

    private static void assertRefusedOnlyWith(ConsentVerdict verdict, RefusalCode... codes) {
        assertFalse(verdict.accepted(), verdict.refusals().toString());
        assertEquals(Set.of(codes), verdict.codes(), verdict.refusals().toString());
    }

    @Test
    void oneValidSignatureSufficesWithoutDualControl() {
        ConsentVerdict verdict = verify(BY_ALICE, deployRequest(false));
        assertTrue(verdict.accepted(), verdict.refusals().toString());
        assertEquals(Optional.of(BY_ALICE.id()), verdict.tokenId());
        assertEquals(List.of(ALICE.identity()), verdict.validSigners());
    }

    @Test
    void malformedTextIsRefusedWithL201AndNoTokenId() {
        ConsentVerdict verdict = VERIFIER.verify("grant://not-a-token", deployRequest(false));
        assertRefusedOnlyWith(verdict, RefusalCode.MALFORMED);
        assertEquals(Optional.empty(), verdict.tokenId());
        assertEquals("KW-L201", verdict.refusals().get(0).code().code());
    }

    @Test
    void aFlippedSignatureByteIsRefusedWithL202() {
        TokenSignature good = BY_ALICE.signatures().get(0);
        byte[] sig = good.signature();
        sig[17] ^= 0x01;
        ConsentToken forged = new ConsentToken(BY_ALICE.body(), List.of(new TokenSignature(good.key(), sig)));
        assertRefusedOnlyWith(verify(forged, deployRequest(false)), RefusalCode.BAD_SIGNATURE);
    }

    @Test
    void aFlippedBodyByteIsRefusedWithL202() {
        // One character of the signed body (the token id) changed, still canonical: the signature no longer covers it.
        String id = BY_ALICE.id();
        String otherId = (id.charAt(0) == '0' ? '1' : '0') + id.substring(1);
        String json = ConsentFixtures.json(BY_ALICE).replace("\"id\":\"" + id, "\"id\":\"" + otherId);
        ConsentVerdict verdict = VERIFIER.verify(ConsentFixtures.wrap(json), deployRequest(false));
        assertRefusedOnlyWith(verdict, RefusalCode.BAD_SIGNATURE);
        assertEquals(Optional.of(otherId), verdict.tokenId());
    }

    @Test
    void aKeyOutsideTheKeyringIsRefusedWithL203() {
        MintingKey stranger = MintingKey.generate(ACME, "carol");
        assertRefusedOnlyWith(verify(deployToken(stranger), deployRequest(false)), RefusalCode.KEY_NOT_IN_KEYRING);
    }

    @Test
    void anEmptyKeyringAcceptsNothing() {
        ConsentVerdict verdict = new ConsentVerifier(Keyring.empty(), CLOCK).verify(BY_ALICE, deployRequest(false));
        assertRefusedOnlyWith(verdict, RefusalCode.KEY_NOT_IN_KEYRING);
    }

    @Test
    void aKeyOfAnotherSignerIsRefusedWithL204() {
        // mallory's key is in the keyring, but for evil-corp; a token claiming acme-prod signed by her is refused
        // for the key (L204), not for the claim, which matches what the grant requires.
        MintingKey claimsAcme = mintingKeyWithIdentity(MALLORY, ACME);
        ConsentVerdict verdict = verify(deployToken(claimsAcme), deployRequest(false));
        assertRefusedOnlyWith(verdict, RefusalCode.KEY_OF_OTHER_SIGNER);
        assertTrue(verdict.refusals().get(0).message().contains("evil-corp"), verdict.refusals().toString());
    }

    @Test
    void aTokenForAnotherSignerIsRefusedWithL205AndL204() {
        ConsentVerdict verdict = verify(deployToken(MALLORY), deployRequest(false));
        assertRefusedOnlyWith(verdict, RefusalCode.SIGNER_MISMATCH, RefusalCode.KEY_OF_OTHER_SIGNER);
    }

    @Test
    void beforeNotBeforeIsRefusedWithL206OutsideTheSkewOnly() {
        Clock early = Clock.offset(CLOCK, CLOCK_SKEW_PLUS(1).negated());
        assertRefusedOnlyWith(new ConsentVerifier(KEYRING, early).verify(BY_ALICE, deployRequest(false)),
                RefusalCode.NOT_YET_VALID);
        Clock withinSkew = Clock.offset(CLOCK, ConsentVerifier.CLOCK_SKEW.negated());
        assertTrue(new ConsentVerifier(KEYRING, withinSkew).verify(BY_ALICE, deployRequest(false)).accepted());
    }

    @Test
    void atExpiryPlusSkewIsRefusedWithL207() {
        Duration lifetime = Duration.ofHours(1);
        Clock lastSecond = Clock.fixed(NOW.plus(lifetime).plus(ConsentVerifier.CLOCK_SKEW).minusSeconds(1), ZoneOffset.UTC);
        assertTrue(new ConsentVerifier(KEYRING, lastSecond).verify(BY_ALICE, deployRequest(false)).accepted());
        Clock expired = Clock.fixed(NOW.plus(lifetime).plus(ConsentVerifier.CLOCK_SKEW), ZoneOffset.UTC);
        assertRefusedOnlyWith(new ConsentVerifier(KEYRING, expired).verify(BY_ALICE, deployRequest(false)),
                RefusalCode.EXPIRED);
    }

    @Test
    void aMissingCapabilityIsRefusedWithL208() {
        ConsentRequest delete = new ConsentRequest(ACME, Capability.DELETE, ResourceName.parse("fleet.h100_pool"), false,
                Optional.empty());
        assertRefusedOnlyWith(verify(BY_ALICE, delete), RefusalCode.CAPABILITY_NOT_COVERED);
    }

    @Test
    void aScopeOutsideTheGlobIsRefusedWithL209() {
        ConsentRequest elsewhere = new ConsentRequest(ACME, Capability.DEPLOY, ResourceName.parse("fleet.h100_pool.rack1"),
                false, Optional.empty());
        assertRefusedOnlyWith(verify(BY_ALICE, elsewhere), RefusalCode.SCOPE_OUTSIDE_GLOB);
    }

    @Test
    void dualControlWithOneKeyIsRefusedWithL210() {
        assertRefusedOnlyWith(verify(BY_ALICE, deployRequest(true)), RefusalCode.DUAL_CONTROL_NOT_MET);
    }

    @Test
    void dualControlWithTwoKeysOfTheSignerIsAccepted() {
        ConsentVerdict verdict = verify(BY_ALICE_AND_BOB, deployRequest(true));
        assertTrue(verdict.accepted(), verdict.refusals().toString());
        assertEquals(Set.of(ALICE.identity(), BOB.identity()), Set.copyOf(verdict.validSigners()));
    }

    @Test
    void dualControlWithTheSameKeyTwiceIsRefused() {
        // A token cannot even be written with one key's signature twice: decoding refuses it outright.
        String json = ConsentFixtures.json(BY_ALICE);
        String twice = json.replaceFirst("\"sigs\":\\[(\\{[^}]*\\})\\]", "\"sigs\":[$1,$1]");
        ConsentVerdict verdict = VERIFIER.verify(ConsentFixtures.wrap(twice), deployRequest(true));
        assertRefusedOnlyWith(verdict, RefusalCode.MALFORMED);
        assertTrue(verdict.refusals().get(0).message().contains("signed twice"), verdict.refusals().toString());
    }

    @Test
    void aRevokedKeyIsRefusedWithL212NotAsUnknown() {
        Keyring bobRevoked = Keyring.of(List.of(ALICE.identity()), List.of(BOB.identity()), Map.of());
        ConsentVerdict verdict = new ConsentVerifier(bobRevoked, CLOCK).verify(deployToken(BOB), deployRequest(false));
        assertRefusedOnlyWith(verdict, RefusalCode.SIGNER_REVOKED);
        assertTrue(verdict.refusals().get(0).message().contains("'bob'"), verdict.refusals().toString());
        // alice's signature still counts, but with dual control bob's revoked one cannot be the second.
        ConsentVerdict cosignedByRevoked = new ConsentVerifier(bobRevoked, CLOCK).verify(BY_ALICE_AND_BOB, deployRequest(true));
        assertRefusedOnlyWith(cosignedByRevoked, RefusalCode.SIGNER_REVOKED, RefusalCode.DUAL_CONTROL_NOT_MET);
    }

    @Test
    void aKeyWithheldFromTheCapabilityIsRefusedWithL214AndItsReason() {
        Keyring bobWithheld = Keyring.of(List.of(ALICE.identity()), List.of(),
                List.of(new Keyring.Withheld(BOB.identity(), "key 'bob' may not consent to 'deploy' (the trust roots give it [drain])")),
                Map.of());
        ConsentVerdict verdict = new ConsentVerifier(bobWithheld, CLOCK).verify(deployToken(BOB), deployRequest(false));
        assertRefusedOnlyWith(verdict, RefusalCode.CAPABILITY_NOT_GRANTED);
        assertTrue(verdict.refusals().get(0).message().contains("[drain]"), verdict.refusals().toString());
    }

    @Test
    void dualControlWithTwoKeysOfOnePersonIsRefused() {
        Keyring bothAlice = Keyring.of(List.of(ALICE.identity(), BOB.identity()), List.of(), Map.of("bob", "alice"));
        ConsentVerdict verdict = new ConsentVerifier(bothAlice, CLOCK).verify(BY_ALICE_AND_BOB, deployRequest(true));
        assertRefusedOnlyWith(verdict, RefusalCode.DUAL_CONTROL_NOT_MET);
        assertTrue(verdict.refusals().get(0).message().contains("2 distinct people"), verdict.refusals().toString());
        assertTrue(new ConsentVerifier(bothAlice, CLOCK).verify(BY_ALICE_AND_BOB, deployRequest(false)).accepted(),
                "without dual control one person's signature is enough");
    }

    @Test
    void aKeyCannotBeCurrentAndRevokedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Keyring.of(List.of(BOB.identity()), List.of(BOB.identity()), Map.of()));
    }

    @Test
    void dualControlWithKeysOfDifferentSignersIsRefused() {
        // alice (acme-prod) signs, mallory (evil-corp) adds a signature to the same body: one valid, one foreign.
        ConsentToken mixed = BY_ALICE.with(ConsentMint.sign(BY_ALICE.body(), MALLORY));
        assertRefusedOnlyWith(verify(mixed, deployRequest(true)), RefusalCode.KEY_OF_OTHER_SIGNER,
                RefusalCode.DUAL_CONTROL_NOT_MET);
    }

    @Test
    void dualControlIsOnlyForDestructiveCapabilities() {
        assertTrue(ConsentRequest.dualControlApplies(true, Capability.DEPLOY));
        assertTrue(ConsentRequest.dualControlApplies(true, Capability.QUARANTINE));
        assertFalse(ConsentRequest.dualControlApplies(true, Capability.DISCOVER));
        assertFalse(ConsentRequest.dualControlApplies(false, Capability.DEPLOY));
    }

    @Test
    void digestsMustMatchBothWays() {
        Cid bundle = ConsentFixtures.digestOf("bundle-1");
        ConsentToken bound = ConsentMint.mint(ALICE, List.of(Capability.DEPLOY), ResourceGlob.parse("fleet.**"),
                Duration.ofMinutes(10), Optional.of(bundle), CLOCK);
        assertTrue(verify(bound, withDigest(Optional.of(bundle))).accepted());
        assertRefusedOnlyWith(verify(bound, withDigest(Optional.of(ConsentFixtures.digestOf("bundle-2")))),
                RefusalCode.DIGEST_MISMATCH);
        assertRefusedOnlyWith(verify(bound, withDigest(Optional.empty())), RefusalCode.DIGEST_MISMATCH);
        assertRefusedOnlyWith(verify(BY_ALICE, withDigest(Optional.of(bundle))), RefusalCode.DIGEST_MISMATCH);
    }

    @Test
    void everyReasonIsListedNotJustTheFirst() {
        ConsentRequest wrongEverything = new ConsentRequest("other-org", Capability.DELETE, ResourceName.parse("lab.a100"),
                true, Optional.of(ConsentFixtures.digestOf("x")));
        Clock late = Clock.offset(CLOCK, Duration.ofDays(2));
        ConsentVerdict verdict = new ConsentVerifier(KEYRING, late).verify(BY_ALICE, wrongEverything);
        assertRefusedOnlyWith(verdict, RefusalCode.SIGNER_MISMATCH, RefusalCode.KEY_OF_OTHER_SIGNER,
                RefusalCode.DUAL_CONTROL_NOT_MET, RefusalCode.EXPIRED, RefusalCode.CAPABILITY_NOT_COVERED,
                RefusalCode.SCOPE_OUTSIDE_GLOB, RefusalCode.DIGEST_MISMATCH);
    }

    @Test
    void codesAreStableAndUnique() {
        List<String> codes = java.util.Arrays.stream(RefusalCode.values()).map(RefusalCode::code).toList();
        assertEquals(List.of("KW-L201", "KW-L202", "KW-L203", "KW-L204", "KW-L205", "KW-L206", "KW-L207", "KW-L208",
                "KW-L209", "KW-L210", "KW-L211", "KW-L212", "KW-L213", "KW-L214", "KW-L215"), codes);
    }

    private static ConsentRequest withDigest(Optional<Cid> digest) {
        return new ConsentRequest(ACME, Capability.DEPLOY, ResourceName.parse("fleet.h100_pool"), false, digest);
    }

    private static Duration CLOCK_SKEW_PLUS(long seconds) {
        return ConsentVerifier.CLOCK_SKEW.plusSeconds(seconds);
    }

    /** The same private key presenting itself as a key of {@code signer}: what a dishonest minter would do. */
    private static MintingKey mintingKeyWithIdentity(MintingKey key, String signer) {
        return MintingKey.fromPkcs8(new SignerKey(signer, key.identity().id(), key.identity().key()), key.pkcs8());
    }
}
