package dev.kwam.actors.pki;

import dev.kwam.dsl.identity.SpiffeId;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS between KWAM nodes: each side presents its node certificate, trusts only its own root,
 * and requires (never merely requests) the other's certificate. TLS 1.3 is preferred, TLS 1.2 is
 * allowed with forward-secret AEAD suites only; nothing older. Peers are identified by the SPIFFE
 * ID in their certificate, so there is no host-name check: a node's address says nothing about who
 * it is (SPIFFE X.509-SVID, section 5).
 */
public final class MutualTls {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** TLS 1.2 only with ECDHE (forward secrecy) and AEAD; TLS 1.3's suites are the JDK's defaults, all AEAD. */
    static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final System.Logger LOG = System.getLogger(MutualTls.class.getName());
    /** Guards only an in-memory key store that never leaves this object. */
    private static final char[] IN_MEMORY = "kwam-in-memory".toCharArray();

    private final NodeCertificate node;
    private final SSLContext context;
    private final String[] cipherSuites;

    private MutualTls(NodeCertificate node, SSLContext context, String[] cipherSuites) {
        this.node = node;
        this.context = context;
        this.cipherSuites = cipherSuites;
    }

    /** The TLS context of {@code node}: its certificate and key to present, its root as the only trust anchor. */
    public static MutualTls of(NodeCertificate node) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(node), new TrustManager[] {new SpiffeTrustManager(pkixTrust(node), node.trustDomain())},
                    RsaKeys.random());
            return new MutualTls(node, context, suites(context));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK could not build a TLS context for " + node.id(), e);
        }
    }

    /**
     * The same key and root for clients whose TLS stack forces a host-name check on its engine (the JDK's
     * HttpClient, pekko-http's HTTP/2 client): the server is checked by {@link SpiffeServerTrust} — chain to
     * our root, then the SPIFFE ID's trust domain — since KWAM peers are named by SPIFFE ID, not by address.
     */
    public SSLContext spiffeClientContext() {
        try {
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(keyManagers(node), new TrustManager[] {new SpiffeServerTrust(pkixTrust(node), node.trustDomain())},
                    RsaKeys.random());
            return client;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK could not build a client TLS context for " + node.id(), e);
        }
    }

    /**
     * The key to present and the trust to apply, for a transport that takes a JDK key manager and one trust
     * manager for both directions (the consensus group's gRPC): the same certificate, root and SPIFFE rules
     * as every other KWAM connection.
     */
    public KeyManager keyManager() {
        try {
            return keyManagers(node)[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK could not build a key manager for " + node.id(), e);
        }
    }

    /** See {@link #keyManager()}. */
    public X509ExtendedTrustManager peerTrust() {
        try {
            return new SpiffePeerTrust(pkixTrust(node), node.trustDomain());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK could not build a trust manager for " + node.id(), e);
        }
    }

    private static KeyManager[] keyManagers(NodeCertificate node) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("node", node.privateKey(), IN_MEMORY, new Certificate[] {node.certificate(), node.caCertificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(keys, IN_MEMORY);
        return keyManagers.getKeyManagers();
    }

    /** The JDK's PKIX chain check with our root as the only anchor; the SPIFFE checks wrap it. */
    private static X509ExtendedTrustManager pkixTrust(NodeCertificate node) throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", node.caCertificate());
        TrustManagerFactory pkix = TrustManagerFactory.getInstance("PKIX");
        pkix.init(anchors);
        return Arrays.stream(pkix.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager"));
    }

    private static String[] suites(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        List<String> chosen = new ArrayList<>();
        for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
            if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
                chosen.add(suite);
            }
        }
        for (String suite : TLS12_SUITES) {
            if (supported.contains(suite)) {
                chosen.add(suite);
            }
        }
        return chosen.toArray(String[]::new);
    }

    /** The parameters every KWAM TLS endpoint uses; {@code needClientAuth} is always on. */
    public SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters(cipherSuites, PROTOCOLS.toArray(String[]::new));
        parameters.setNeedClientAuth(true);
        parameters.setUseCipherSuitesOrder(true);
        parameters.setEndpointIdentificationAlgorithm(null);
        return parameters;
    }

    public SSLContext context() {
        return context;
    }

    public NodeCertificate node() {
        return node;
    }

    public List<String> cipherSuites() {
        return List.of(cipherSuites);
    }

    /** An engine for the accepting side of a connection (for Artery's SSLEngineProvider, pekko-http, gRPC). */
    public SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters());
        return engine;
    }

    /**
     * An accepting engine that asks for a client certificate without requiring one: for a port whose probes
     * ({@code /health}, {@code /ready}) answer anyone while its other routes check the certificate themselves. A
     * certificate that is offered is still verified against the fleet's CA during the handshake.
     */
    public SSLEngine serverEngineCertificateWanted() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = parameters();
        parameters.setWantClientAuth(true);
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** An engine for the connecting side; host and port serve session resumption and logs, not identity. */
    public SSLEngine clientEngine(String peerHost, int peerPort) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters());
        return engine;
    }

    /** A listening socket that requires client certificates; port 0 picks a free one. */
    public SSLServerSocket serverSocket(InetAddress bind, int port) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50, bind);
        socket.setSSLParameters(parameters());
        return socket;
    }

    /** A connected, not yet handshaken client socket. */
    public SSLSocket connect(InetAddress host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        socket.setUseClientMode(true);
        socket.setSSLParameters(parameters());
        return socket;
    }

    /**
     * Runs the handshake and returns the verified peer. A failure is logged with the peer's address
     * and rethrown. Note TLS 1.3: a client's handshake completes before the server has judged the
     * client's certificate, so a client learns of its refusal on its first read.
     */
    public SpiffeId handshake(SSLSocket socket) throws IOException {
        try {
            socket.startHandshake();
            return peer(socket.getSession());
        } catch (SSLException | PeerIdentity.RefusedPeerException refused) {
            LOG.log(System.Logger.Level.WARNING, "TLS handshake with {0} failed: {1}",
                    socket.getRemoteSocketAddress(), SpiffeTrustManager.reason(refused));
            throw refused instanceof IOException io ? io : new SSLException(refused.getMessage(), refused);
        }
    }

    /** The SPIFFE ID of an established session's peer (of our trust domain, by construction). */
    public SpiffeId peer(SSLSession session) throws PeerIdentity.RefusedPeerException {
        return PeerIdentity.of(session, node.trustDomain());
    }

    /** Our own root, for callers that log or display what they trust. */
    public X509Certificate trustAnchor() {
        return node.caCertificate();
    }
}
