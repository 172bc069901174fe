package dev.kwam.node.dataplane;

import dev.kwam.actors.pki.NodeCertificate;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@link HttpClient}s for the data port. They trust the test CA; the server's certificate names a
 * SPIFFE ID, not 127.0.0.1, so the client checks the chain but not the host name (HttpClient forces
 * HTTPS endpoint identification on the engine, hence the trust manager that ignores the engine).
 */
final class TlsClients {
    private static final char[] PASSWORD = "test".toCharArray();

    private TlsClients() {
    }

    /** A client presenting {@code identity} and trusting {@code trusted}. */
    static HttpClient withCertificate(NodeCertificate identity, X509Certificate trusted) throws Exception {
        return HttpClient.newBuilder().sslContext(contextWithCertificate(identity, trusted)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client that trusts the server but has no certificate to present. */
    static HttpClient withoutCertificate(X509Certificate trusted) throws Exception {
        return client(null, trusted);
    }

    private static HttpClient client(KeyManager[] keyManagers, X509Certificate trusted) throws Exception {
        return HttpClient.newBuilder().sslContext(context(keyManagers, trusted)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The TLS context behind {@link #withCertificate}, for tests that speak raw bytes over a socket. */
    static SSLContext contextWithCertificate(NodeCertificate identity, X509Certificate trusted) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", identity.privateKey(), PASSWORD,
                new Certificate[] {identity.certificate(), identity.caCertificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, PASSWORD);
        return context(kmf.getKeyManagers(), trusted);
    }

    private static SSLContext context(KeyManager[] keyManagers, X509Certificate trusted) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        X509ExtendedTrustManager pkix = Arrays.stream(tmf.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst().orElseThrow();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, new X509ExtendedTrustManager[] {new ChainOnly(pkix)}, null);
        return context;
    }

    /** Checks the server's chain against the anchors; skips only the host-name check. */
    private static final class ChainOnly extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;

        ChainOnly(X509ExtendedTrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client never checks client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client never checks client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client never checks client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }
}
