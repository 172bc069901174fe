package dev.kwam.node.client;

import dev.kwam.actors.pki.PeerIdentity;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client judges a KWAM node: the chain must reach our CA (PKIX) and name exactly one SPIFFE ID
 * of our trust domain ({@link PeerIdentity}), the same rules a node applies to its peers. There is
 * deliberately no host-name check — node certificates carry no DNS names, a node's address says
 * nothing about who it is — and the engine is never handed to PKIX, because pekko-http switches the
 * JDK's HTTPS host-name check on for every client engine it creates.
 */
final class ServerTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final String trustDomain;

    ServerTrust(X509ExtendedTrustManager pkix, String trustDomain) {
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
        throw new CertificateException("a KWAM client accepts no incoming connections");
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
