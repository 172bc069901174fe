package dev.kwam.node.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.vocab.Capability;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantsTest {
    static final SpiffeId NODE = SpiffeId.parse("spiffe://kwam.test/acme/cl-1/az1/pod-1/node-7/kwamd");
    static final SpiffeId READER = SpiffeId.parse("spiffe://kwam.test/acme/cl-1/az1/pod-1/reader/client");
    static final SpiffeId WRITER = SpiffeId.parse("spiffe://kwam.test/acme/cl-1/az1/pod-1/writer/client");
    static final SpiffeId STRANGER = SpiffeId.parse("spiffe://kwam.test/acme/cl-1/az1/pod-1/node-7/other");
    private static final Requirement PROTECT = AccessTable.of("POST", "/kwam.v1.Kwam/Protect").orElseThrow();
    private static final Requirement PUT_CHUNK = AccessTable.of("PUT", "/chunk/sha256:00").orElseThrow();

    static Authorizer testGrants() throws IOException {
        return TestPolicies.authorizer("/authz/grants.kwam");
    }

    @Test
    void aGrantWhosePatternMatchesAndHoldsTheCapabilityAllows() throws IOException {
        Decision d = testGrants().decide(NODE, PROTECT);

        Decision.Allowed allowed = assertInstanceOf(Decision.Allowed.class, d);
        assertEquals("grant \"spiffe://kwam.test/acme/cl-1/az1/pod-1/*/kwamd\" (replicate) of policy 'fleet'", allowed.by());
    }

    @Test
    void aMatchingGrantWithoutTheCapabilityDeniesNamingTheCapabilityTheCallerAndTheFix() throws IOException {
        Decision.Denied denied = assertInstanceOf(Decision.Denied.class, testGrants().decide(READER, PROTECT));

        assertEquals("Protect needs the capability replicate, which no grant of policy 'fleet' gives " + READER
                + " (it holds only read)", denied.reason());
        assertEquals("add a grant for \"" + READER + "\" (or a pattern matching it) holding caps [replicate] to the grants of "
                + "policy 'fleet', then restart the node", denied.fix());
    }

    @Test
    void noMatchingGrantDenies() throws IOException {
        Decision.Denied denied = assertInstanceOf(Decision.Denied.class, testGrants().decide(STRANGER, PROTECT));
        assertTrue(denied.reason().endsWith("(no grant matches it)"), denied.reason());
    }

    @Test
    void anyOneOfTheCapabilitiesIsEnough() throws IOException {
        Authorizer grants = testGrants();
        assertInstanceOf(Decision.Allowed.class, grants.decide(WRITER, PUT_CHUNK), "replicate");
        assertInstanceOf(Decision.Allowed.class, grants.decide(NODE, PUT_CHUNK), "replicate and repair");
        Decision.Denied denied = assertInstanceOf(Decision.Denied.class, grants.decide(READER, PUT_CHUNK));
        assertTrue(denied.reason().startsWith("PUT /chunk needs one of the capabilities replicate or repair,"), denied.reason());
    }

    @Test
    void grantsAddUpAcrossPatterns() throws IOException {
        Grants grants = (Grants) testGrants();
        assertEquals(EnumSet.of(Capability.REPLICATE, Capability.READ, Capability.REPAIR, Capability.SCRUB), grants.grantedTo(NODE));
        assertEquals(EnumSet.of(Capability.READ), grants.grantedTo(READER));
        assertEquals(EnumSet.noneOf(Capability.class), grants.grantedTo(STRANGER));
        assertTrue(grants.holds(NODE, Capability.REPAIR));
        assertFalse(grants.holds(WRITER, Capability.REPAIR));
    }

    @Test
    void aRepeatedDecisionIsTheCachedAnswer() throws IOException {
        Authorizer grants = testGrants();
        assertSame(grants.decide(NODE, PROTECT), grants.decide(NODE, PROTECT), "no allocation, no matching, on the second call");
    }

    @Test
    void callsTheTableDoesNotListAndCallersWithoutAnIdentityAreRefusedUnderGrants() throws IOException {
        Authorizer grants = testGrants();
        assertInstanceOf(Decision.Denied.class, grants.unlisted("POST /admin"));
        Decision.Denied unknown = assertInstanceOf(Decision.Denied.class, grants.unidentified(PROTECT, "no TLS session"));
        assertTrue(unknown.reason().contains("no TLS session"), unknown.reason());
    }

    @Test
    void withoutAPolicyEverythingIsAllowedAndSaidSo() {
        Authorizer none = Authorizer.of(Optional.empty(), "");

        assertEquals("none (no policy)", none.summary());
        assertEquals(new Decision.Allowed("authorization: none (no policy)"), none.decide(STRANGER, PROTECT));
        assertInstanceOf(Decision.Allowed.class, none.unlisted("POST /admin"));
        assertTrue(none.holds(STRANGER, Capability.REPAIR));
    }

    @Test
    void aPolicyWithoutAPolicyBlockEnforcesNothingAndSaysWhy() throws IOException {
        Authorizer none = TestPolicies.authorizer("/authz/no-policy-block.kwam");

        assertInstanceOf(Authorizer.NoPolicy.class, none);
        assertEquals("none (the policy no-policy-block.kwam has no policy block)", none.summary());
    }

    @Test
    void theSummaryCountsTheGrantsAndNamesThePolicy() throws IOException {
        assertEquals("grants (3) from policy 'fleet'", testGrants().summary());
    }
}
