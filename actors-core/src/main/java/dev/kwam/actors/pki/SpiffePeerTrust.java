package dev.kwam.actors.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One trust manager for both ends of a connection between KWAM peers, for transports that take a single
 * one (the consensus group's gRPC, where every voter both serves and calls): incoming connections are
 * judged as {@link SpiffeTrustManager} judges clients, outgoing ones as {@link SpiffeServerTrust} judges
 * servers — chain to our CA, one SPIFFE ID of our trust domain, and no host-name check, which gRPC would
 * otherwise switch on for every client engine.
 */
final class SpiffePeerTrust extends X509ExtendedTrustManager {
    private final SpiffeTrustManager incoming;
    private final SpiffeServerTrust outgoing;

    SpiffePeerTrust(X509ExtendedTrustManager pkix, String trustDomain) {
        this.incoming = new SpiffeTrustManager(pkix, trustDomain);
        this.outgoing = new SpiffeServerTrust(pkix, trustDomain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        incoming.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        incoming.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        incoming.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        outgoing.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        outgoing.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        outgoing.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return outgoing.getAcceptedIssuers();
    }
}
