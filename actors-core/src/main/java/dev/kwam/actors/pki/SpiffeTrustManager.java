package dev.kwam.actors.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager over a trust store holding only our root, followed by the SPIFFE
 * identity rules of {@link PeerIdentity}: a peer is refused during the handshake — before any
 * application byte is read — unless its chain reaches our CA, is valid now, and names exactly one
 * SPIFFE ID of our trust domain. Every refusal is logged with the peer's address and the reason.
 */
final class SpiffeTrustManager extends X509ExtendedTrustManager {
    private static final System.Logger LOG = System.getLogger(SpiffeTrustManager.class.getName());

    private final X509ExtendedTrustManager pkix;
    private final String trustDomain;

    SpiffeTrustManager(X509ExtendedTrustManager pkix, String trustDomain) {
        this.pkix = pkix;
        this.trustDomain = trustDomain;
    }

    @FunctionalInterface
    private interface PkixCheck {
        void run() throws CertificateException;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(() -> pkix.checkClientTrusted(chain, authType), chain, "client", "(unknown address)");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(() -> pkix.checkServerTrusted(chain, authType), chain, "server", "(unknown address)");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(() -> pkix.checkClientTrusted(chain, authType, socket), chain, "client", address(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(() -> pkix.checkServerTrusted(chain, authType, socket), chain, "server", address(socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(() -> pkix.checkClientTrusted(chain, authType, engine), chain, "client", address(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(() -> pkix.checkServerTrusted(chain, authType, engine), chain, "server", address(engine));
    }

    /** Our root only: sent to clients as the acceptable issuers, so they pick the right certificate. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private void check(PkixCheck pkixCheck, X509Certificate[] chain, String role, String peer) throws CertificateException {
        try {
            pkixCheck.run();
            PeerIdentity.of(chain, trustDomain);
        } catch (CertificateException refused) {
            LOG.log(System.Logger.Level.WARNING, "refused TLS {0} {1}: {2} [subject \"{3}\", issuer \"{4}\"]",
                    role, peer, reason(refused), chain == null || chain.length == 0 ? "-" : chain[0].getSubjectX500Principal(),
                    chain == null || chain.length == 0 ? "-" : chain[0].getIssuerX500Principal());
            throw refused;
        }
    }

    /** PKIX wraps the telling cause ("NotAfter: ...", "no trusted certificate") several levels deep. */
    static String reason(Throwable refused) {
        StringBuilder reason = new StringBuilder(String.valueOf(refused.getMessage()));
        Throwable root = refused;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != refused && root.getMessage() != null && !reason.toString().contains(root.getMessage())) {
            reason.append(" (").append(root.getMessage()).append(')');
        }
        return reason.toString();
    }

    private static String address(Socket socket) {
        return socket == null || socket.getRemoteSocketAddress() == null ? "(unknown address)"
                : socket.getRemoteSocketAddress().toString();
    }

    private static String address(SSLEngine engine) {
        return engine == null || engine.getPeerHost() == null ? "(unknown address)"
                : engine.getPeerHost() + ":" + engine.getPeerPort();
    }
}
