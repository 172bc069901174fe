package dev.kwam.actors.pki;

import dev.kwam.dsl.identity.SpiffeId;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Shared test material. RSA key generation dominates test time (~100 ms per 2048-bit pair), so key
 * pairs are made once per JVM and reused; tests roots use 2048 bits for the same reason (the
 * 3072-bit production root is checked once, in CertificateAuthorityTest).
 */
final class TestPki {
    static final String DOMAIN = "kwam.test";
    private static final ConcurrentMap<Integer, KeyPair> KEYS = new ConcurrentHashMap<>();

    private TestPki() {
    }

    /** The key pair numbered {@code n}: the same pair for the same number, within this JVM. */
    static KeyPair keys(int n) {
        return KEYS.computeIfAbsent(n, k -> RsaKeys.generate(RsaKeys.NODE_BITS));
    }

    static CertificateAuthority ca(String trustDomain, int keyNumber) {
        return CertificateAuthority.create(trustDomain, CertificateAuthority.ORGANIZATION, keys(keyNumber), Clock.systemUTC());
    }

    static SpiffeId id(String trustDomain, String node) {
        return SpiffeId.parse("spiffe://" + trustDomain + "/acme/cl-1/az1/pod-1/" + node + "/kwamd");
    }

    static NodeCertificate node(CertificateAuthority ca, String node, int keyNumber) throws PkiException {
        return ca.issue(id(ca.trustDomain(), node), keys(keyNumber));
    }

    /**
     * A certificate the CA would never issue, signed with its real key: a valid chain whose leaf
     * carries exactly {@code sans}, so only the SPIFFE identity rules can refuse it.
     */
    static NodeCertificate misissued(CertificateAuthority ca, int keyNumber, SpiffeId claimed, GeneralName... sans)
            throws Exception {
        return misissued(ca, keyNumber, claimed, false, sans);
    }

    static NodeCertificate misissued(CertificateAuthority ca, int keyNumber, SpiffeId claimed, boolean isCa,
                                     GeneralName... sans) throws Exception {
        KeyPair keys = keys(keyNumber);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), NodeCertificate.SUBJECT, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, isCa ? new BasicConstraints(0) : new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                        | (isCa ? KeyUsage.keyCertSign : 0)))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        if (sans.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.privateKey())));
        return new NodeCertificate(claimed, cert, keys.getPrivate(), ca.certificate());
    }

    static GeneralName uri(String uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    /** The URI SANs of a certificate, for assertions. */
    static List<String> uris(X509Certificate cert) throws Exception {
        return PeerIdentity.readUriSans(cert);
    }
}
