package dev.kwam.actors.pki;

import dev.kwam.dsl.identity.SpiffeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A node's TLS credentials: its certificate (the SPIFFE ID as the only URI SAN), its private key,
 * and the root that issued it — the one CA its peers must chain to. On disk: {@code node.crt},
 * {@code node.key} (0600) and {@code ca.crt} in one directory.
 */
public final class NodeCertificate {
    public static final String CERT_FILE = "node.crt";
    public static final String KEY_FILE = "node.key";
    public static final String CA_FILE = CertificateAuthority.CERT_FILE;
    /**
     * Every node certificate has this subject. Identity lives in the URI SAN; a shared subject is what
     * Pekko's {@code RotatingKeysSSLEngineProvider} checks peers against, so it must not vary by node.
     */
    public static final X500Name SUBJECT = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, CertificateAuthority.ORGANIZATION).addRDN(BCStyle.CN, "kwam-node").build();

    private static final System.Logger LOG = System.getLogger(NodeCertificate.class.getName());
    private static final byte[] PROBE = "kwam key pair probe".getBytes(StandardCharsets.US_ASCII);

    private final SpiffeId id;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final X509Certificate caCertificate;

    /** Only {@link CertificateAuthority#issue} and {@link #load} make these, so the parts always agree. */
    NodeCertificate(SpiffeId id, X509Certificate certificate, PrivateKey privateKey, X509Certificate caCertificate) {
        this.id = id;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.caCertificate = caCertificate;
    }

    /** The node's SPIFFE ID, the only URI SAN of its certificate. */
    public SpiffeId id() {
        return id;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The root that issued the certificate: the only trust anchor for this node's peers. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    @Override
    public String toString() {
        return "NodeCertificate[" + id + ", serial " + certificate.getSerialNumber().toString(16) + "]";
    }

    /** The trust domain this node belongs to, and whose peers it accepts. */
    public String trustDomain() {
        return id.trustDomain();
    }

    /** Writes {@code ca.crt}, {@code node.crt} and {@code node.key} (0600) into {@code dir}, all or nothing, never overwriting. */
    public void write(Path dir) throws IOException {
        PemFiles.createAll(dir, List.of(
                new PemFiles.PemFile(CA_FILE, PemFiles.certificatePem(caCertificate), false),
                new PemFiles.PemFile(CERT_FILE, PemFiles.certificatePem(certificate), false),
                new PemFiles.PemFile(KEY_FILE, PemFiles.privateKeyPem(privateKey), true)));
    }

    /**
     * Reads a node directory and checks it the way a peer would: the certificate is signed by
     * {@code ca.crt}, is valid now, carries exactly one SPIFFE ID of the CA's trust domain, and the
     * key belongs to it. A node never starts with credentials its peers would refuse.
     */
    public static NodeCertificate load(Path dir) throws IOException, PkiException {
        return load(dir, Clock.systemUTC());
    }

    static NodeCertificate load(Path dir, Clock clock) throws IOException, PkiException {
        Path caFile = dir.resolve(CA_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        X509Certificate ca = PemFiles.readCertificate(caFile);
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        X509Certificate cert = chain.get(0);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        warnUnlessOwnerOnly(keyFile);
        String trustDomain = CertificateAuthority.trustDomainOf(ca, caFile);
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException("the node certificate was not issued by this CA", certFile,
                    "its signature does not verify with " + caFile + " (" + e.getMessage() + ")",
                    "keep the node.crt and ca.crt that kwam pki issue wrote together", e);
        }
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new PkiException("the node certificate is not valid now", certFile,
                    "it is valid from " + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant(),
                    "issue a new one: kwam pki issue --ca CA_DIR --spiffe-id ID --out NEW_DIR", e);
        }
        SpiffeId id;
        try {
            id = PeerIdentity.of(new X509Certificate[] {cert}, trustDomain);
        } catch (PeerIdentity.RefusedPeerException e) {
            throw new PkiException("peers would refuse this node certificate", certFile, e.getMessage(),
                    "issue a new one with kwam pki issue", e);
        }
        if (!sameKey(cert.getPublicKey(), key)) {
            throw new PkiException("the node key does not belong to the node certificate", keyFile,
                    CERT_FILE + " and " + KEY_FILE + " come from different key pairs",
                    "keep the node.crt and node.key that kwam pki issue wrote together");
        }
        return new NodeCertificate(id, cert, key, ca);
    }

    /**
     * A key others can read is logged, not refused: orchestrators mount secrets 0640 or 0644 by default,
     * and refusing to start would push operators to worse workarounds. The warning names the fix.
     */
    static void warnUnlessOwnerOnly(Path keyFile) throws IOException {
        if (!PemFiles.isOwnerOnly(keyFile)) {
            LOG.log(System.Logger.Level.WARNING, "private key {0} is readable by other users; run: chmod 600 {0}", keyFile);
        }
    }

    /** True when {@code key} is the private half of {@code publicKey}: a probe signed by one verifies with the other. */
    static boolean sameKey(PublicKey publicKey, PrivateKey key) throws PkiException {
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new PkiException("the key could not be checked against its certificate", null,
                    key.getAlgorithm() + " signing failed: " + e.getMessage(), "use an RSA key written by kwam pki", e);
        }
    }
}
