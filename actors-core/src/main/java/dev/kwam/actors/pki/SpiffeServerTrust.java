package dev.kwam.actors.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the client side of a connection judges a KWAM node — a node calling a peer's data port, or
 * {@code KwamClient} calling a node: the chain must reach our CA (PKIX) and name exactly one SPIFFE ID
 * of our trust domain ({@link PeerIdentity}), the same rules a node applies to its peers. There is
 * deliberately no host-name check — node certificates carry no DNS names, a node's address says
 * nothing about who it is — and the engine is never handed to PKIX, because pekko-http switches the
 * JDK's HTTPS host-name check on for every client engine it creates.
 */
public final class SpiffeServerTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final String trustDomain;

    public SpiffeServerTrust(X509ExtendedTrustManager pkix, String trustDomain) {
        this.pkix = pkix;
        this.trustDomain = trustDomain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        PeerIdentity.of(chain, trustDomain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager judges servers; it accepts no incoming connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
