package dev.kwam.actors.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kwam.actors.pki.PeerIdentity.Refusal;
import dev.kwam.dsl.identity.SpiffeId;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity extractor on chains that PKIX alone would accept: only the SPIFFE rules refuse them. */
class PeerIdentityTest {
    private static final SpiffeId ME = TestPki.id(TestPki.DOMAIN, "n-1");
    private static CertificateAuthority ca;

    @BeforeAll
    static void root() {
        ca = TestPki.ca(TestPki.DOMAIN, 0);
    }

    @Test
    void theOneSpiffeIdOfOurTrustDomainIsThePeer() throws Exception {
        NodeCertificate node = TestPki.node(ca, "n-1", 1);
        assertEquals(ME, PeerIdentity.of(chain(node), TestPki.DOMAIN));
    }

    @Test
    void twoUriSansAreRefused() throws Exception {
        NodeCertificate two = TestPki.misissued(ca, 1, ME, TestPki.uri(ME.toString()),
                TestPki.uri(TestPki.id(TestPki.DOMAIN, "n-2").toString()));
        assertRefused(Refusal.SEVERAL_URI_SANS, two);
    }

    @Test
    void noUriSanIsRefusedEvenWithADnsName() throws Exception {
        assertRefused(Refusal.NO_URI_SAN, TestPki.misissued(ca, 1, ME, TestPki.dns("n-1.kwam.test")));
        assertRefused(Refusal.NO_URI_SAN, TestPki.misissued(ca, 1, ME));
    }

    @Test
    void anotherTrustDomainIsRefused() throws Exception {
        assertRefused(Refusal.OTHER_TRUST_DOMAIN,
                TestPki.misissued(ca, 1, ME, TestPki.uri(TestPki.id("evil.test", "n-1").toString())));
    }

    @Test
    void aUriThatIsNotASpiffeIdIsRefused() throws Exception {
        assertRefused(Refusal.NOT_A_SPIFFE_ID, TestPki.misissued(ca, 1, ME, TestPki.uri("https://kwam.test/n-1")));
        assertRefused(Refusal.NOT_A_SPIFFE_ID, TestPki.misissued(ca, 1, ME, TestPki.uri("spiffe://kwam.test/a/../b")));
    }

    @Test
    void theTrustDomainsOwnIdIsNotAPeer() throws Exception {
        assertRefused(Refusal.NO_PATH, TestPki.misissued(ca, 1, ME, TestPki.uri("spiffe://" + TestPki.DOMAIN)));
    }

    @Test
    void aCaCertificateIsNotAPeer() throws Exception {
        assertRefused(Refusal.CA_CERTIFICATE, TestPki.misissued(ca, 1, ME, true, TestPki.uri(ME.toString())));
    }

    @Test
    void anEmptyChainIsRefused() {
        PeerIdentity.RefusedPeerException refused = assertThrows(PeerIdentity.RefusedPeerException.class,
                () -> PeerIdentity.of(new X509Certificate[0], TestPki.DOMAIN));
        assertEquals(Refusal.NO_CERTIFICATE, refused.refusal());
    }

    private static void assertRefused(Refusal expected, NodeCertificate presented) {
        PeerIdentity.RefusedPeerException refused = assertThrows(PeerIdentity.RefusedPeerException.class,
                () -> PeerIdentity.of(chain(presented), TestPki.DOMAIN));
        assertEquals(expected, refused.refusal(), refused.getMessage());
    }

    private static X509Certificate[] chain(NodeCertificate node) {
        return new X509Certificate[] {node.certificate(), node.caCertificate()};
    }
}
