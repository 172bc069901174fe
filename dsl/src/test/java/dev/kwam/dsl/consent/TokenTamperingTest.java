package dev.kwam.dsl.consent;

import static dev.kwam.dsl.consent.ConsentFixtures.ALICE;
import static dev.kwam.dsl.consent.ConsentFixtures.BOB;
import static dev.kwam.dsl.consent.ConsentFixtures.CLOCK;
import static dev.kwam.dsl.consent.ConsentFixtures.KEYRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Tampering properties: whatever single change is made to a valid token — to one byte of its JSON
 * or one character of its text — the result either fails to decode or decodes to a token whose
 * signatures no longer check out. And the glob matcher agrees with an independent reference.
 */
class TokenTamperingTest {
    private static final ConsentToken TOKEN = ConsentFixtures.cosigned(ConsentFixtures.deployToken(ALICE), BOB);
    private static final String TEXT = TokenCodec.encode(TOKEN);
    private static final byte[] JSON = ConsentFixtures.json(TOKEN).getBytes(StandardCharsets.US_ASCII);
    private static final ConsentVerifier VERIFIER = new ConsentVerifier(KEYRING, CLOCK);
    /** The refusals that mean "the signatures do not vouch for this"; a tampered token must earn one of them. */
    private static final Set<RefusalCode> INTEGRITY = EnumSet.of(RefusalCode.MALFORMED, RefusalCode.BAD_SIGNATURE,
            RefusalCode.KEY_NOT_IN_KEYRING);
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Property(tries = 400)
    void anyChangedJsonByteIsRefused(@ForAll @IntRange(min = 0, max = 100_000) int where,
                                     @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] tampered = JSON.clone();
        tampered[where % tampered.length] ^= (byte) xor;
        assertRefusedForIntegrity(ConsentFixtures.wrap(tampered));
    }

    @Property(tries = 400)
    void anyChangedTextCharacterIsRefused(@ForAll @IntRange(min = 0, max = 100_000) int where,
                                          @ForAll @IntRange(min = 1, max = 63) int shift) {
        int at = TokenCodec.SCHEME.length() + where % (TEXT.length() - TokenCodec.SCHEME.length());
        char replacement = BASE64URL.charAt((BASE64URL.indexOf(TEXT.charAt(at)) + shift) % BASE64URL.length());
        assertRefusedForIntegrity(TEXT.substring(0, at) + replacement + TEXT.substring(at + 1));
    }

    @Property(tries = 200)
    void anyRemovedOrInsertedCharacterIsRefused(@ForAll @IntRange(min = 0, max = 100_000) int where,
                                                @ForAll @IntRange(min = 0, max = 63) int which,
                                                @ForAll boolean insert) {
        int at = TokenCodec.SCHEME.length() + where % (TEXT.length() - TokenCodec.SCHEME.length());
        String tampered = insert ? TEXT.substring(0, at) + BASE64URL.charAt(which) + TEXT.substring(at)
                : TEXT.substring(0, at) + TEXT.substring(at + 1);
        assertRefusedForIntegrity(tampered);
    }

    private static void assertRefusedForIntegrity(String tampered) {
        ConsentVerdict verdict = VERIFIER.verify(tampered, ConsentFixtures.deployRequest(true));
        assertFalse(verdict.accepted(), tampered);
        assertFalse(java.util.Collections.disjoint(INTEGRITY, verdict.codes()), verdict.refusals() + " for " + tampered);
    }

    @Property(tries = 2000)
    void globMatchingAgreesWithAReference(@ForAll("globs") String glob, @ForAll("names") String name) {
        assertEquals(reference(glob.split("\\.", -1), 0, name.split("\\.", -1), 0),
                ResourceGlob.parse(glob).covers(ResourceName.parse(name)), glob + " vs " + name);
    }

    @Example
    void theUntamperedTokenIsAccepted() {
        // The control for the properties above: the same verifier and request accept the original.
        assertTrue(VERIFIER.verify(TEXT, ConsentFixtures.deployRequest(true)).accepted());
    }

    /** Backtracking over segments, with '*' handed to java.util.regex: slow, obvious, independent. */
    private static boolean reference(String[] glob, int g, String[] name, int n) {
        if (g == glob.length) {
            return n == name.length;
        }
        if (glob[g].equals("**")) {
            for (int skip = n; skip <= name.length; skip++) {
                if (reference(glob, g + 1, name, skip)) {
                    return true;
                }
            }
            return false;
        }
        String regex = Pattern.quote(glob[g]).replace("*", "\\E[^.]*\\Q");
        return n < name.length && name[n].matches(regex) && reference(glob, g + 1, name, n + 1);
    }

    @Provide
    Arbitrary<String> globs() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.just("**"),
                Arbitraries.strings().withChars("ab*").ofMinLength(1).ofMaxLength(4)
                        .filter(s -> !s.contains("**")));
        return segment.list().ofMinSize(1).ofMaxSize(4)
                .filter(TokenTamperingTest::noAdjacentDoubleStars)
                .map(parts -> String.join(".", parts));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab").ofMinLength(1).ofMaxLength(3).list().ofMinSize(1).ofMaxSize(5)
                .map(parts -> String.join(".", parts));
    }

    private static boolean noAdjacentDoubleStars(List<String> parts) {
        List<String> seen = new ArrayList<>();
        for (String p : parts) {
            if (p.equals("**") && !seen.isEmpty() && seen.get(seen.size() - 1).equals("**")) {
                return false;
            }
            seen.add(p);
        }
        return true;
    }
}
