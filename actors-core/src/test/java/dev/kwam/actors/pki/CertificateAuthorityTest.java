package dev.kwam.actors.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.identity.InvalidSpiffeIdException;
import dev.kwam.dsl.identity.SpiffeId;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the root and the node certificates carry, checked field by field. */
class CertificateAuthorityTest {
    private static final int SERVER_AUTH_AND_CLIENT_AUTH = 2;
    private static CertificateAuthority ca;
    private static NodeCertificate node;

    @BeforeAll
    static void issue() throws Exception {
        ca = TestPki.ca(TestPki.DOMAIN, 0);
        node = TestPki.node(ca, "n-1", 1);
    }

    @Test
    void theProductionRootIsRsa3072AndSelfSignedForTenYears() throws Exception {
        CertificateAuthority root = CertificateAuthority.create("example.org");
        X509Certificate cert = root.certificate();
        assertEquals(3072, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        cert.verify(cert.getPublicKey());
        long days = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
        assertTrue(days >= 3652 && days <= 3654, days + " days");
        assertFalse(root.isDevelopment());
    }

    @Test
    void theRootIsACaForNodesOnlyAndNamesItsTrustDomain() throws Exception {
        X509Certificate root = ca.certificate();
        assertEquals(0, root.getBasicConstraints(), "CA with path length 0: no intermediates");
        boolean[] usage = root.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0], "no digitalSignature: the root never speaks TLS itself");
        assertTrue(root.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
        assertTrue(root.getSubjectX500Principal().getName().contains(TestPki.DOMAIN), root.getSubjectX500Principal().getName());
        assertEquals(List.of("spiffe://" + TestPki.DOMAIN), TestPki.uris(root));
        assertEquals(TestPki.DOMAIN, ca.trustDomain());
    }

    @Test
    void aNodeCertificateCarriesItsSpiffeIdAsTheOnlySubjectAltName() throws Exception {
        X509Certificate cert = node.certificate();
        assertEquals(List.of(TestPki.id(TestPki.DOMAIN, "n-1").toString()), TestPki.uris(cert));
        assertEquals(1, cert.getSubjectAlternativeNames().size(), "no DNS or IP names");
        assertEquals(TestPki.id(TestPki.DOMAIN, "n-1"), node.id());
    }

    @Test
    void aNodeCertificateIsALeafForBothEndsOfTls() throws Exception {
        X509Certificate cert = node.certificate();
        assertEquals(-1, cert.getBasicConstraints());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        assertEquals(SERVER_AUTH_AND_CLIENT_AUTH, cert.getExtendedKeyUsage().size());
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        assertFalse(cert.getKeyUsage()[5], "not keyCertSign");
        assertEquals("RSA", cert.getPublicKey().getAlgorithm());
        cert.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate().getSubjectX500Principal(), cert.getIssuerX500Principal());
    }

    @Test
    void everyNodeSharesOneSubjectSoPekkosSameSubjectCheckPasses() throws Exception {
        NodeCertificate other = TestPki.node(ca, "n-2", 2);
        assertEquals(node.certificate().getSubjectX500Principal(), other.certificate().getSubjectX500Principal());
        assertEquals("CN=kwam-node,O=KWAM", node.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void nodeCertificatesLastAYearAndHaveRandom128BitSerials() throws Exception {
        X509Certificate cert = node.certificate();
        long days = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
        assertEquals(365, days);
        NodeCertificate again = TestPki.node(ca, "n-1", 1);
        assertNotEquals(cert.getSerialNumber(), again.certificate().getSerialNumber());
        assertTrue(cert.getSerialNumber().signum() > 0);
        assertTrue(cert.getSerialNumber().bitLength() <= 128);
        assertTrue(cert.getSerialNumber().bitLength() > 64, "random serials are almost never this short");
    }

    @Test
    void refusesAnIdOutsideItsTrustDomain() {
        PkiException refused = assertThrows(PkiException.class,
                () -> ca.issue(TestPki.id("other.test", "n-1"), TestPki.keys(1)));
        assertTrue(refused.why().contains("other.test"), refused.getMessage());
        assertTrue(refused.fix().contains("spiffe://" + TestPki.DOMAIN + "/"), refused.getMessage());
    }

    @Test
    void refusesTheTrustDomainsOwnId() {
        assertThrows(PkiException.class, () -> ca.issue(SpiffeId.parse("spiffe://" + TestPki.DOMAIN), TestPki.keys(1)));
    }

    @Test
    void refusesAnInvalidTrustDomainName() {
        InvalidSpiffeIdException refused = assertThrows(InvalidSpiffeIdException.class, () -> TestPki.ca("Kwam.Test", 0));
        assertEquals(0, refused.error().offset());
    }
}
