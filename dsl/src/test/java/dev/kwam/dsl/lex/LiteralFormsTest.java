package dev.kwam.dsl.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.identity.SpiffeIdPattern;
import dev.kwam.dsl.syntax.DurationUnit;
import dev.kwam.dsl.syntax.Literal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each literal form of the reference's table decodes to its own typed value. */
class LiteralFormsTest {

    private static Literal one(String text) {
        SourceFile source = SourceFile.of("t.kwam", text);
        Diagnostics d = new Diagnostics(source);
        LexedSource lexed = Lexer.lex(source, d);
        assertTrue(!d.hasErrors(), DiagnosticRenderer.render(d.all()));
        assertEquals(2, lexed.tokens().size(), "one token and EOF for '" + text + "'");
        return lexed.tokens().get(0).literal();
    }

    @Test
    void contentAddressesAreStringsNeverDurations() {
        Literal cid = one("\"sha256:9f3a7c0e\"");
        assertEquals(new Literal.StringLit(cid.span(), "sha256:9f3a7c0e"), cid);
    }

    @Test
    void stringEscapesDecode() {
        assertEquals("a\"b\\c$d\n\u00e9${", ((Literal.StringLit) one("\"a\\\"b\\\\c\\$d\\n\\u00e9\\${\"")).value());
    }

    @Test
    void numbersTakeUnderscoresAndStayExact() {
        assertEquals(1_000_000L, ((Literal.IntLit) one("1_000_000")).value());
        assertEquals(new BigDecimal("99.9999"), ((Literal.PercentLit) one("99.9999percent")).value());
        assertEquals(new BigDecimal("0.1"), ((Literal.PercentLit) one("0.1%")).value());
        assertEquals(new BigDecimal("0.25"), ((Literal.FloatLit) one("0.25")).value());
    }

    @Test
    void durationsSizesNinesAndCounts() {
        assertEquals(Duration.ofMillis(250), ((Literal.DurationLit) one("250ms")).duration());
        assertEquals(Duration.ofDays(30), ((Literal.DurationLit) one("30d")).duration());
        assertEquals(DurationUnit.MINUTES, ((Literal.DurationLit) one("30m")).unit());
        assertEquals(4096L, ((Literal.SizeLit) one("4kb")).bytes(), "sizes are binary, like the CLI's ByteSize");
        assertEquals(2L << 30, ((Literal.SizeLit) one("2gb")).bytes());
        assertEquals(6, ((Literal.NinesLit) one("6nines")).nines());
        assertEquals(8, ((Literal.CountLit) one("8x")).count());
    }

    @Test
    void cidrsAreCanonical() {
        Literal.CidrLit v4 = (Literal.CidrLit) one("10.40.0.0/16");
        assertEquals("10.40.0.0/16", v4.text());
        Literal.CidrLit v6 = (Literal.CidrLit) one("2001:0DB8:0:0::/32");
        assertEquals(6, v6.version());
        assertEquals("2001:db8::/32", v6.text());
    }

    @Test
    void hostsMayHaveHyphensAndPorts() {
        Literal.HostLit h = (Literal.HostLit) one("kwam-seed.internal:7400");
        assertEquals("kwam-seed.internal", h.host());
        assertEquals(OptionalInt.of(7400), h.port());
        assertEquals("10.0.0.7", ((Literal.HostLit) one("10.0.0.7")).host());
    }

    @Test
    void referencesKeepTheirParts() {
        Literal.IdentityLit pattern = (Literal.IdentityLit) one("spiffe://kwam/acme/*/seed");
        assertTrue(pattern.pattern());
        assertEquals(List.of("acme", "*", "seed"), pattern.segments());
        assertEquals("vault/kwam/mtls-ca", ((Literal.SecretRef) one("secret://vault/kwam/mtls-ca")).path());
        Literal.GrantRef grant = assertInstanceOf(Literal.GrantRef.class, one("grant://eyJhbGciOi-_.xyz"));
        assertEquals("eyJhbGciOi-_.xyz", grant.token());
        assertTrue(!grant.toString().contains("xyz"), "a grant token is a bearer credential; toString abbreviates it");
    }

    @Test
    void aHyphenatedWordIsNotAnIdentifierButAHyphenatedDomainIsAHost() {
        SourceFile source = SourceFile.of("t.kwam", "kwam-seed kwam-seed.internal");
        Diagnostics d = new Diagnostics(source);
        LexedSource lexed = Lexer.lex(source, d);
        assertEquals(TokenKind.ERROR, lexed.tokens().get(0).kind());
        assertInstanceOf(Literal.HostLit.class, lexed.tokens().get(1).literal());
        assertEquals("KW-P008", d.all().get(0).code().id());
    }

    @Test
    void spiffeIdRulesAreCheckedByTheValidatorItself() {
        assertTrue(SpiffeIdPattern.tryParse("spiffe://example.org").isValid());
        assertTrue(SpiffeIdPattern.tryParse("spiffe://a.b-c_d/x/Y.z-_").isValid());
        for (String bad : List.of("spiffe://", "spiffe://a/", "spiffe://a//b", "spiffe://a/./b", "spiffe://a/../b", "spiffe://A/b",
                "spiffe://a:1/b", "spiffe://u@a/b", "spiffe://a/b?c", "spiffe://a/b#c", "spiffe://a/b%2f", "http://a/b",
                "spiffe://a/b*", "spiffe://*/b")) {
            assertFalse(SpiffeIdPattern.tryParse(bad).isValid(), bad);
        }
    }
}
