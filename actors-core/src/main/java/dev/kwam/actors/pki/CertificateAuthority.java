package dev.kwam.actors.pki;

import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.identity.SpiffeIdResult;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A trust domain's root certificate authority: a self-signed RSA-3072 root that issues node
 * certificates directly (path length 0, so no intermediate can ever chain to it — which is also
 * what Pekko's built-in PEM provider requires). The root carries its trust domain twice: in its
 * subject, for people, and as the URI SAN {@code spiffe://<trust-domain>}, which is what KWAM reads.
 */
public final class CertificateAuthority {
    public static final String CERT_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";
    public static final Duration VALIDITY = Duration.ofDays(3653);
    public static final Duration NODE_VALIDITY = Duration.ofDays(365);
    /** Certificates start this long before "now", so a peer whose clock is a little behind accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    static final String ORGANIZATION = "KWAM";
    private static final String SIGNATURE = "SHA256withRSA";

    private final String trustDomain;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Clock clock;

    private CertificateAuthority(String trustDomain, X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        this.trustDomain = trustDomain;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /** A new root for {@code trustDomain} (validated as a SPIFFE trust domain name). */
    public static CertificateAuthority create(String trustDomain) {
        return create(trustDomain, ORGANIZATION, RsaKeys.generate(RsaKeys.CA_BITS), Clock.systemUTC());
    }

    static CertificateAuthority create(String trustDomain, String organization, KeyPair keys, Clock clock) {
        String domain = SpiffeId.tryParseTrustDomain(trustDomain).orThrow();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, "KWAM root CA for " + domain)
                .build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, SpiffeId.SCHEME + domain)));
            return new CertificateAuthority(domain, sign(builder, keys.getPrivate()), keys.getPrivate(), clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("building the root certificate failed", e);
        }
    }

    /** Issues a node certificate with a fresh RSA-2048 key, valid for {@link #NODE_VALIDITY}. */
    public NodeCertificate issue(SpiffeId id) throws PkiException {
        checkIssuable(id);
        return issue(id, RsaKeys.generate(RsaKeys.NODE_BITS));
    }

    /** Refuses, before any key is generated, an ID this CA must not sign. */
    public void checkIssuable(SpiffeId id) throws PkiException {
        if (!id.isMemberOf(trustDomain)) {
            throw new PkiException("the SPIFFE ID is outside this CA's trust domain", null,
                    id + " is in trust domain '" + id.trustDomain() + "', this CA signs for '" + trustDomain + "'",
                    "use an ID of the form spiffe://" + trustDomain + "/..., or a CA made with --trust-domain "
                            + id.trustDomain());
        }
        if (id.segments().isEmpty()) {
            throw new PkiException("the SPIFFE ID names the trust domain itself", null,
                    id + " has no path, so it would identify every workload of the trust domain at once",
                    "add the node's path, e.g. spiffe://" + trustDomain + "/<tenant>/<cluster>/<az>/<pod>/<node>/<workload>");
        }
    }

    /** Issues a node certificate for an existing key pair (an RSA key, for Pekko's PEM provider). */
    public NodeCertificate issue(SpiffeId id, KeyPair keys) throws PkiException {
        Instant now = clock.instant();
        return issue(id, keys, now.minus(BACKDATE), now.plus(NODE_VALIDITY));
    }

    /**
     * The node certificate: the SPIFFE ID as its only URI SAN and no DNS name (peers are identified
     * by SPIFFE ID, never by host name), serverAuth and clientAuth because every node is both ends
     * of mutual TLS, and the one shared subject of {@link NodeCertificate#SUBJECT}.
     */
    NodeCertificate issue(SpiffeId id, KeyPair keys, Instant notBefore, Instant notAfter) throws PkiException {
        checkIssuable(id);
        if (!notAfter.isAfter(notBefore) || notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            throw new PkiException("the node certificate would outlive its CA", null,
                    "the CA expires " + certificate.getNotAfter().toInstant() + ", the node certificate would expire " + notAfter,
                    "create a new CA (kwam pki init) before the old one expires and reissue the node certificates");
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), NodeCertificate.SUBJECT, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, id.toString())));
            return new NodeCertificate(id, sign(builder, privateKey), keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("building the node certificate failed", e);
        }
    }

    /** Writes {@code dir/ca.crt} and {@code dir/ca.key} (0600); refuses to overwrite either. */
    public void write(Path dir) throws IOException {
        PemFiles.createAll(dir, List.of(
                new PemFiles.PemFile(CERT_FILE, PemFiles.certificatePem(certificate), false),
                new PemFiles.PemFile(KEY_FILE, PemFiles.privateKeyPem(privateKey), true)));
    }

    /** Reads {@code dir/ca.crt} and {@code dir/ca.key} and checks that they are one CA. */
    public static CertificateAuthority load(Path dir) throws IOException, PkiException {
        return load(dir, Clock.systemUTC());
    }

    static CertificateAuthority load(Path dir, Clock clock) throws IOException, PkiException {
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        X509Certificate cert = PemFiles.readCertificate(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        NodeCertificate.warnUnlessOwnerOnly(keyFile);
        if (cert.getBasicConstraints() < 0) {
            throw new PkiException("not a CA certificate", certFile, "its basicConstraints do not allow it to sign certificates",
                    "pass the directory written by kwam pki init");
        }
        if (!NodeCertificate.sameKey(cert.getPublicKey(), key)) {
            throw new PkiException("the CA key does not belong to the CA certificate", keyFile,
                    CERT_FILE + " and " + KEY_FILE + " come from different key pairs",
                    "keep the two files kwam pki init wrote together");
        }
        String domain = trustDomainOf(cert, certFile);
        if (cert.getNotAfter().toInstant().isBefore(clock.instant())) {
            throw new PkiException("the CA certificate has expired", certFile, "it expired " + cert.getNotAfter().toInstant(),
                    "create a new CA with kwam pki init and reissue every node certificate");
        }
        return new CertificateAuthority(domain, cert, key, clock);
    }

    /** The trust domain a root names in its one URI SAN {@code spiffe://<trust-domain>}; refused otherwise. */
    static String trustDomainOf(X509Certificate ca, Path file) throws PkiException {
        String fix = "use the ca.crt written by kwam pki init, which records its trust domain";
        List<String> uris;
        try {
            uris = PeerIdentity.readUriSans(ca);
        } catch (CertificateParsingException e) {
            throw new PkiException("the CA certificate's subjectAltName could not be read", file, e.getMessage(), fix, e);
        }
        if (uris.size() != 1) {
            throw new PkiException("the CA certificate names no single trust domain", file,
                    "it carries " + uris.size() + " URI SANs; a KWAM root carries exactly one, spiffe://<trust-domain>", fix);
        }
        SpiffeIdResult<SpiffeId> id = SpiffeId.tryParse(uris.get(0));
        if (id instanceof SpiffeIdResult.Valid<SpiffeId> valid && valid.value().segments().isEmpty()) {
            return valid.value().trustDomain();
        }
        throw new PkiException("the CA certificate names no trust domain", file,
                "its URI SAN '" + uris.get(0) + "' is not of the form spiffe://<trust-domain>", fix);
    }

    /** The subject's O= value, e.g. to tell a development root from a real one. */
    static String organizationOf(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        var rdns = name.getRDNs(BCStyle.O);
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    public String trustDomain() {
        return trustDomain;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** For tests that mint deliberately wrong certificates with this root's key. */
    PrivateKey privateKey() {
        return privateKey;
    }

    public boolean isDevelopment() {
        return DevelopmentPki.isDevelopment(certificate);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no " + SIGNATURE + " signer for the CA key", e);
        }
    }

    /** 128 random bits, positive: unguessable serials keep two issuances from ever colliding. */
    private static BigInteger serial() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            RsaKeys.random().nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
