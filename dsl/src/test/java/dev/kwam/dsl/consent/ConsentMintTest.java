package dev.kwam.dsl.consent;

import static dev.kwam.dsl.consent.ConsentFixtures.ALICE;
import static dev.kwam.dsl.consent.ConsentFixtures.BOB;
import static dev.kwam.dsl.consent.ConsentFixtures.CLOCK;
import static dev.kwam.dsl.consent.ConsentFixtures.MALLORY;
import static dev.kwam.dsl.consent.ConsentFixtures.NOW;
import static dev.kwam.dsl.consent.ConsentFixtures.deployToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.vocab.Capability;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Minting stamps the window and a fresh id; co-signing adds exactly one new person's signature or nothing. */
class ConsentMintTest {

    @Test
    void mintStampsNowTheTtlAndAFreshId() {
        ConsentToken a = deployToken(ALICE);
        ConsentToken b = deployToken(ALICE);
        assertEquals(NOW.getEpochSecond(), a.body().notBefore());
        assertEquals(NOW.getEpochSecond() + 3600, a.body().expires());
        assertEquals("acme-prod", a.body().signer());
        assertEquals(List.of(Capability.DEPLOY, Capability.QUARANTINE), a.body().capabilities());
        assertTrue(a.id().matches("[0-9a-f]{32}"), a.id());
        assertNotEquals(a.id(), b.id());
        assertTrue(a.signatures().get(0).verifies(a.body()));
    }

    @Test
    void mintRefusesTtlsOutsideOneSecondToThirtyDays() {
        for (Duration ttl : List.of(Duration.ZERO, Duration.ofSeconds(-5), Duration.ofMillis(1500),
                Duration.ofDays(30).plusSeconds(1))) {
            assertThrows(IllegalArgumentException.class, () -> ConsentMint.mint(ALICE, List.of(Capability.DEPLOY),
                    ResourceGlob.parse("fleet.*"), ttl, Optional.empty(), CLOCK), ttl.toString());
        }
        ConsentMint.mint(ALICE, List.of(Capability.DEPLOY), ResourceGlob.parse("fleet.*"), Duration.ofDays(30),
                Optional.empty(), CLOCK);
    }

    @Test
    void cosignAddsASecondSignatureOverTheSameBody() throws Exception {
        ConsentToken one = deployToken(ALICE);
        ConsentToken two = ConsentMint.cosign(one, BOB, CLOCK);
        assertEquals(one.body(), two.body());
        assertEquals(2, two.signatures().size());
        assertTrue(two.signatures().stream().allMatch(s -> s.verifies(two.body())));
        assertTrue(two.signatures().containsAll(one.signatures()));
    }

    @Test
    void cosignRefusesTheSameKeyTwice() {
        CosignRefusedException e = assertThrows(CosignRefusedException.class,
                () -> ConsentMint.cosign(deployToken(ALICE), ALICE, CLOCK));
        assertEquals(CosignRefusedException.Reason.SAME_KEY, e.reason());
    }

    @Test
    void cosignRefusesAKeyOfAnotherSigner() {
        CosignRefusedException e = assertThrows(CosignRefusedException.class,
                () -> ConsentMint.cosign(deployToken(ALICE), MALLORY, CLOCK));
        assertEquals(CosignRefusedException.Reason.OTHER_SIGNER, e.reason());
        assertTrue(e.getMessage().contains("evil-corp"), e.getMessage());
    }

    @Test
    void cosignRefusesATokenAlteredAfterSigning() {
        ConsentToken original = deployToken(ALICE);
        TokenBody widened = new TokenBody(1, original.id(), "acme-prod", List.of(Capability.DELETE),
                ResourceGlob.parse("**"), original.body().notBefore(), original.body().expires(), Optional.empty());
        ConsentToken altered = new ConsentToken(widened, original.signatures());
        CosignRefusedException e = assertThrows(CosignRefusedException.class, () -> ConsentMint.cosign(altered, BOB, CLOCK));
        assertEquals(CosignRefusedException.Reason.EXISTING_SIGNATURE_BROKEN, e.reason());
    }

    @Test
    void cosignRefusesAnExpiredToken() {
        Clock later = Clock.offset(CLOCK, Duration.ofHours(1));
        CosignRefusedException e = assertThrows(CosignRefusedException.class,
                () -> ConsentMint.cosign(deployToken(ALICE), BOB, later));
        assertEquals(CosignRefusedException.Reason.EXPIRED, e.reason());
    }
}
