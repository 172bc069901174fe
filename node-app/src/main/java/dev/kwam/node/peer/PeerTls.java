package dev.kwam.node.peer;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.SpiffeServerTrust;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client side of node-to-node mutual TLS for {@link java.net.http.HttpClient}. It presents the
 * node's certificate and trusts only its CA, like {@link MutualTls}; the one difference is that the
 * JDK's HTTP client forces host-name verification on its engine, and KWAM peers are identified by
 * the SPIFFE ID in their certificate, not by an address (SPIFFE X.509-SVID, section 5) — so the
 * chain is checked without the engine, then the SPIFFE ID's trust domain.
 */
final class PeerTls {
    private static final char[] IN_MEMORY = "kwam-in-memory".toCharArray();

    private PeerTls() {
    }

    static SSLContext context(MutualTls tls) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", tls.node().privateKey(), IN_MEMORY,
                    new Certificate[] {tls.node().certificate(), tls.node().caCertificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, IN_MEMORY);
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", tls.node().caCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            X509ExtendedTrustManager pkix = Arrays.stream(tmf.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), new X509ExtendedTrustManager[] {new SpiffeServerTrust(pkix, tls.node().trustDomain())},
                    null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK could not build a peer TLS context for " + tls.node().id(), e);
        }
    }
}
