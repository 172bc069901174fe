package dev.kwam.actors.pki;

import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.identity.SpiffeIdResult;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is on the other end: the SPIFFE ID in the leaf of a chain that TLS has already verified
 * against the CA. The X.509-SVID rules KWAM enforces: the leaf is not a CA, it carries exactly one
 * URI SAN, that URI is a valid SPIFFE ID with a path, and its trust domain is ours. Anything else
 * is refused, never guessed at (no falling back to the subject CN or a DNS name).
 */
public final class PeerIdentity {
    private static final int URI_SAN = 6;

    private PeerIdentity() {
    }

    /** Why a peer's certificate does not name one acceptable SPIFFE ID. */
    public enum Refusal {
        NO_CERTIFICATE,
        CA_CERTIFICATE,
        UNREADABLE_SAN,
        NO_URI_SAN,
        SEVERAL_URI_SANS,
        NOT_A_SPIFFE_ID,
        NO_PATH,
        OTHER_TRUST_DOMAIN
    }

    /** A certificate refused for its identity; a {@link CertificateException} so TLS trust managers can throw it. */
    public static final class RefusedPeerException extends CertificateException {
        private static final long serialVersionUID = 1L;
        private final Refusal refusal;

        RefusedPeerException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        RefusedPeerException(Refusal refusal, String message, Throwable cause) {
            super(message, cause);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** The peer of an established TLS session; the session's chain was verified during the handshake. */
    public static SpiffeId of(SSLSession session, String trustDomain) throws RefusedPeerException {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new RefusedPeerException(Refusal.NO_CERTIFICATE, "the peer presented no verified certificate", e);
        }
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate cert)) {
                throw new RefusedPeerException(Refusal.NO_CERTIFICATE, "the peer presented a non-X.509 certificate");
            }
            x509[i] = cert;
        }
        return of(x509, trustDomain);
    }

    /** The SPIFFE ID of {@code chain[0]}, which must belong to {@code trustDomain}. */
    public static SpiffeId of(X509Certificate[] chain, String trustDomain) throws RefusedPeerException {
        if (chain == null || chain.length == 0) {
            throw new RefusedPeerException(Refusal.NO_CERTIFICATE, "the peer presented no certificate");
        }
        X509Certificate leaf = chain[0];
        if (leaf.getBasicConstraints() >= 0) {
            throw new RefusedPeerException(Refusal.CA_CERTIFICATE,
                    "the peer's certificate is a CA certificate; a node presents a leaf certificate");
        }
        List<String> uris;
        try {
            uris = readUriSans(leaf);
        } catch (CertificateParsingException e) {
            throw new RefusedPeerException(Refusal.UNREADABLE_SAN,
                    "the peer's subjectAltName extension could not be parsed: " + e.getMessage(), e);
        }
        if (uris.isEmpty()) {
            throw new RefusedPeerException(Refusal.NO_URI_SAN, "the peer's certificate carries no URI SAN, so no SPIFFE ID");
        }
        if (uris.size() > 1) {
            throw new RefusedPeerException(Refusal.SEVERAL_URI_SANS,
                    "the peer's certificate carries " + uris.size() + " URI SANs " + uris + "; an X.509-SVID has exactly one");
        }
        String uri = uris.get(0);
        SpiffeIdResult<SpiffeId> parsed = SpiffeId.tryParse(uri);
        if (parsed instanceof SpiffeIdResult.Invalid<SpiffeId> invalid) {
            throw new RefusedPeerException(Refusal.NOT_A_SPIFFE_ID,
                    "the peer's URI SAN '" + uri + "' is not a SPIFFE ID " + invalid.error().describe());
        }
        SpiffeId id = ((SpiffeIdResult.Valid<SpiffeId>) parsed).value();
        if (id.segments().isEmpty()) {
            throw new RefusedPeerException(Refusal.NO_PATH,
                    "the peer's SPIFFE ID " + id + " names a trust domain, not a workload");
        }
        if (!id.isMemberOf(trustDomain)) {
            throw new RefusedPeerException(Refusal.OTHER_TRUST_DOMAIN,
                    "the peer " + id + " belongs to trust domain '" + id.trustDomain() + "', not '" + trustDomain + "'");
        }
        return id;
    }

    /** Every URI subjectAltName of {@code cert}, in order: a node certificate's one SPIFFE ID, unchecked. */
    public static List<String> readUriSans(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        List<String> uris = new ArrayList<>();
        if (names == null) {
            return uris;
        }
        for (List<?> name : names) {
            if (name.size() >= 2 && name.get(0) instanceof Integer type && type == URI_SAN) {
                uris.add(String.valueOf(name.get(1)));
            }
        }
        return uris;
    }
}
